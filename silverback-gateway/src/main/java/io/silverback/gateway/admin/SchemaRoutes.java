package io.silverback.gateway.admin;

import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.plugin.PluginSchema;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.ErrorTree;
import io.silverback.core.schema.Json;
import io.silverback.core.schema.RecordSchema;
import io.silverback.core.schema.SchemaValidator;
import io.silverback.store.StoreErrors;

/**
 * {@code GET /schemas/{name}}, {@code /schemas/plugins/{name}} and {@code /schemas/vaults/{name}}
 * ({@code kong/api/routes/kong.lua}), rendered by {@link SchemaJson}; unknown names are 404 with
 * Kong's messages. A plugin's schema is its subschema of {@code plugins}, as in Kong.
 *
 * <p>{@code POST /schemas/{name}/validate} (and {@code /schemas/plugins/validate}, {@code
 * /schemas/vaults/validate}) checks a body against the entity's schema exactly as a create
 * would, without touching the store: 200 {@code schema validation successful}, or Kong's 400
 * schema violation. As in Kong, references to other entities and uniqueness are not checked.
 */
final class SchemaRoutes {
  private SchemaRoutes() {}

  static void register(AdminRoutes routes, AdminContext context) {
    routes.add("/schemas/plugins/validate", POST, r -> validate(context, "plugins", r));
    routes.add("/schemas/vaults/validate", POST, r -> validate(context, "vaults", r));
    routes.add("/schemas/{name}/validate", POST, r -> validate(context, r.param("name"), r));
    routes.add("/schemas/plugins/{name}", GET, r -> plugin(context, r.param("name")));
    routes.add("/schemas/vaults/{name}", GET, r -> vault(context, r.param("name")));
    routes.add("/schemas/{name}", GET, r -> entity(context, r.param("name")));
  }

  private static Reply entity(AdminContext context, String name) {
    EntitySchema schema = context.registry().get(name)
        .orElseThrow(() -> AdminException.of(404, "No entity named '" + name + "'"));
    return Reply.ok(SchemaJson.of(schema));
  }

  private static Reply validate(AdminContext context, String name, AdminRequest request) {
    EntitySchema schema = context.registry().get(name)
        .orElseThrow(() -> AdminException.of(404, "No entity named '" + name + "'"));
    ErrorTree errors = SchemaValidator.validateEntity(schema, request.body(schema), SchemaValidator.ForeignMode.OBJECT);
    if (!errors.isEmpty()) {
      throw StoreErrors.schemaViolation(errors);
    }
    ObjectNode body = Json.object();
    body.put("message", "schema validation successful");
    return Reply.ok(body);
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
