package io.silverback.gateway.admin;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PATCH;
import static io.vertx.core.http.HttpMethod.POST;
import static io.vertx.core.http.HttpMethod.PUT;

import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import java.util.Map;
import java.util.Set;

/**
 * The routes Kong generates for every entity ({@code kong/api/endpoints.lua}
 * {@code generate_endpoints}): the collection, the entity, the entity's foreign entities
 * ({@code /routes/{routes}/service}), and the entity under each parent
 * ({@code /services/{services}/routes}, {@code /services/{services}/routes/{routes}}). Paths
 * Kong leaves out or disables are not served, so they answer 404 as in Kong.
 */
final class EntityRoutes {
  /** Entities with {@code generate_admin_api = false} in Kong. */
  private static final Set<String> NOT_GENERATED = Set.of("parameters");
  /** Paths Kong's custom routes disable ({@code kong/api/routes/targets.lua}, {@code snis.lua}). */
  private static final Set<String> DISABLED = Set.of("/targets", "/targets/{targets}",
      "/targets/{targets}/upstream", "/snis/{snis}/certificate");

  private EntityRoutes() {}

  static void register(AdminRoutes routes, AdminContext context) {
    EntityOps ops = new EntityOps(context);
    for (EntitySchema schema : context.registry().ordered()) {
      if (NOT_GENERATED.contains(schema.name())) {
        continue;
      }
      String collection = "/" + schema.adminApiName();
      String entity = collection + "/{" + schema.name() + "}";
      CollectionHandlers top = new CollectionHandlers(ops, schema);
      add(routes, collection, GET, top::list);
      add(routes, collection, POST, top::create);
      EntityHandlers one = new EntityHandlers(ops, schema);
      add(routes, entity, GET, one::get);
      add(routes, entity, PUT, one::put);
      add(routes, entity, PATCH, one::patch);
      add(routes, entity, DELETE, one::delete);
      for (Map.Entry<String, Field> fk : schema.foreignKeys()) {
        EntitySchema parent = context.registry().require(fk.getValue().reference().orElseThrow());
        registerForeign(routes, ops, schema, fk.getKey(), parent);
      }
    }
  }

  private static void registerForeign(AdminRoutes routes, EntityOps ops, EntitySchema child, String field,
      EntitySchema parent) {
    ForeignEntityHandlers foreign = new ForeignEntityHandlers(ops, child, field, parent);
    String own = "/" + child.adminApiName() + "/{" + child.name() + "}/" + field;
    add(routes, own, GET, foreign::get);
    add(routes, own, PUT, foreign::put);
    add(routes, own, PATCH, foreign::patch);
    add(routes, own, DELETE, foreign::delete);
    NestedHandlers nested = new NestedHandlers(ops, child, field, parent);
    String under = "/" + parent.adminApiName() + "/{" + parent.name() + "}/" + child.adminApiNestedName();
    add(routes, under, GET, nested::list);
    add(routes, under, POST, nested::create);
    String one = under + "/{" + child.name() + "}";
    add(routes, one, GET, nested::get);
    add(routes, one, PUT, nested::put);
    add(routes, one, PATCH, nested::patch);
    add(routes, one, DELETE, nested::delete);
  }

  private static void add(AdminRoutes routes, String template, io.vertx.core.http.HttpMethod method,
      AdminHandler handler) {
    if (!DISABLED.contains(template)) {
      routes.add(template, method, handler);
    }
  }
}
