package io.silverback.gateway.admin;

import static io.vertx.core.http.HttpMethod.GET;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.plugin.PluginSchema;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.RecordSchema;

/**
 * {@code GET /schemas/{name}}, {@code /schemas/plugins/{name}} and {@code /schemas/vaults/{name}}
 * ({@code kong/api/routes/kong.lua}), rendered by {@link SchemaJson}; unknown names are 404 with
 * Kong's messages. A plugin's schema is its subschema of {@code plugins}, as in Kong.
 */
final class SchemaRoutes {
  private SchemaRoutes() {}

  static void register(AdminRoutes routes, AdminContext context) {
    routes.add("/schemas/plugins/{name}", GET, r -> plugin(context, r.param("name")));
    routes.add("/schemas/vaults/{name}", GET, r -> vault(context, r.param("name")));
    routes.add("/schemas/{name}", GET, r -> entity(context, r.param("name")));
  }

  private static Reply entity(AdminContext context, String name) {
    EntitySchema schema = context.registry().get(name)
        .orElseThrow(() -> AdminException.of(404, "No entity named '" + name + "'"));
    return Reply.ok(SchemaJson.of(schema));
  }

  private static Reply plugin(AdminContext context, String name) {
    PluginSchema plugin = context.registry().plugins().get(name)
        .orElseThrow(() -> AdminException.of(404, "No plugin named '" + name + "'"));
    return Reply.ok(SchemaJson.of(plugin.subschema()));
  }

  private static Reply vault(AdminContext context, String name) {
    RecordSchema sub = context.registry().get("vaults").flatMap(v -> v.subschema(name))
        .orElseThrow(() -> AdminException.of(404, "No vault named '" + name + "'"));
    ObjectNode body = SchemaJson.of(sub);
    return Reply.ok(body);
  }
}
