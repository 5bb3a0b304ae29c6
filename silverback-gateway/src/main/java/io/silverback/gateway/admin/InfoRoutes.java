package io.silverback.gateway.admin;

import static io.vertx.core.http.HttpMethod.GET;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.plugin.BundledPlugins;
import io.silverback.core.schema.Json;
import io.silverback.store.Page;
import io.silverback.store.PageRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Kong's node routes ({@code kong/api/routes/kong.lua}): {@code GET /} (node information),
 * {@code GET /endpoints} and {@code GET /plugins/enabled}. {@code lua_version} is reported as
 * the LuaJIT of Kong 3.x's OpenResty so that clients that parse it keep working; {@code timers}
 * are zeros, since a JVM node has no nginx timers.
 */
final class InfoRoutes {
  static final String LUA_VERSION = "LuaJIT 2.1.0-beta3";
  private final AdminContext context;
  private final AdminRoutes routes;

  private InfoRoutes(AdminContext context, AdminRoutes routes) {
    this.context = context;
    this.routes = routes;
  }

  static void register(AdminRoutes routes, AdminContext context) {
    InfoRoutes info = new InfoRoutes(context, routes);
    routes.add("/", GET, info::node);
    routes.add("/endpoints", GET, r -> Reply.ok(Json.object().set("data", Json.toNode(routes.templates()))));
    routes.add("/plugins/enabled", GET, info::enabledPlugins);
  }

  private Reply node(AdminRequest request) {
    ObjectNode body = Json.object()
        .put("tagline", "Welcome to kong")
        .put("version", BundledPlugins.VERSION)
        .put("edition", "community")
        .put("hostname", hostname())
        .put("node_id", context.nodeId());
    body.putObject("timers").put("running", 0).put("pending", 0);
    ObjectNode plugins = body.putObject("plugins");
    ObjectNode available = plugins.putObject("available_on_server");
    context.registry().plugins().all().forEach(p -> available.putObject(p.name())
        .put("version", p.version()).put("priority", p.priority()));
    plugins.set("enabled_in_cluster", Json.toNode(pluginsInUse()));
    body.put("lua_version", LUA_VERSION);
    body.set("configuration", configuration(context.conf()));
    long pid = ProcessHandle.current().pid();
    body.putObject("pids").put("master", pid).putArray("workers").add(pid);
    return Reply.ok(body);
  }

  private Reply enabledPlugins(AdminRequest request) {
    ArrayNode names = Json.array();
    context.registry().plugins().all().forEach(p -> names.add(p.name()));
    return Reply.ok(Json.object().set("enabled_plugins", names));
  }

  /** The names of the plugins configured at least once, in order of first appearance. */
  private Set<String> pluginsInUse() {
    Set<String> names = new LinkedHashSet<>();
    PageRequest request = PageRequest.first().withSize(PageRequest.MAX_SIZE);
    while (true) {
      Page page = context.store().page("plugins", request);
      page.data().forEach((Entity e) -> names.add(e.text("name")));
      if (page.offset().isEmpty()) {
        return names;
      }
      request = request.withOffset(page.offset().get());
    }
  }

  /**
   * The effective configuration, secrets as {@value NodeConf#REDACTED} (Kong's
   * {@code remove_sensitive}); values are the strings of the configuration file, unset keys left
   * out as Kong leaves out nil values.
   */
  static ObjectNode configuration(NodeConf conf) {
    ObjectNode out = Json.object();
    for (String key : NodeConf.knownKeys()) {
      String value = conf.get(key);
      if (!value.isEmpty()) {
        out.put(key, NodeConf.isSecret(key) ? NodeConf.REDACTED : value);
      }
    }
    return out;
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      String env = System.getenv("HOSTNAME");
      return env == null ? "localhost" : env;
    }
  }
}
