package io.silverback.gateway.admin;

import static io.vertx.core.http.HttpMethod.GET;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /status} as Kong's {@code kong/api/routes/health.lua}: {@code database.reachable}
 * (left out in DB-less mode, where {@code configuration_hash} is reported instead), the server's
 * connection counters, and memory in {@code unit} ({@code b}, {@code k}, {@code m} default,
 * {@code g}) with {@code scale} decimals. The JVM heap stands for the Lua VM of Kong's one
 * worker; there are no shared dictionaries to report.
 */
final class StatusRoute {
  private static final Set<String> UNITS = Set.of("", "b", "k", "m", "g");
  private final AdminContext context;
  private final AdminOptions options;
  private final ServerStats stats;

  private StatusRoute(AdminContext context, AdminOptions options, ServerStats stats) {
    this.context = context;
    this.options = options;
    this.stats = stats;
  }

  static void register(AdminRoutes routes, AdminContext context, AdminOptions options, ServerStats stats) {
    routes.add("/status", GET, new StatusRoute(context, options, stats)::status);
  }

  private Reply status(AdminRequest request) {
    String unit = request.queryArg("unit").orElse("m");
    int scale = request.queryArg("scale").map(FormArgs::number).filter(n -> n.isNumber())
        .map(n -> (int) n.asDouble()).orElse(2);
    Optional<String> invalid = check(unit, scale);
    if (invalid.isPresent()) {
      return Reply.message(400, invalid.get());
    }
    ObjectNode body = Json.object();
    Runtime rt = Runtime.getRuntime();
    ObjectNode memory = body.putObject("memory");
    ObjectNode vm = memory.putArray("workers_lua_vms").addObject();
    vm.set("http_allocated_gc", bytes(rt.totalMemory() - rt.freeMemory(), unit, scale));
    vm.put("pid", ProcessHandle.current().pid());
    memory.putObject("lua_shared_dicts");
    body.set("server", stats.toJson());
    if (context.dbless()) {
      body.put("configuration_hash", options.configurationHash().get());
    } else {
      body.putObject("database").put("reachable", reachable());
    }
    return Reply.ok(body);
  }

  private boolean reachable() {
    try {
      context.store().count("services");
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Kong's {@code bytes_to_str} argument errors. */
  private static Optional<String> check(String unit, int scale) {
    if (!UNITS.contains(unit.toLowerCase(Locale.ROOT))) {
      return Optional.of("invalid unit '" + unit + "' (expected 'k/K', 'm/M', or 'g/G')");
    }
    if (scale < 0) {
      return Optional.of("scale must be equal or greater than 0");
    }
    return Optional.empty();
  }

  /** Kong's {@code bytes_to_str}: a number for bytes, else {@code "12.34 MiB"}. */
  static com.fasterxml.jackson.databind.JsonNode bytes(long bytes, String unit, int scale) {
    String spec = "%." + scale + "f %s";
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "k" -> Json.NODES.textNode(String.format(Locale.ROOT, spec, bytes / 1024.0, "KiB"));
      case "m" -> Json.NODES.textNode(String.format(Locale.ROOT, spec, bytes / 1048576.0, "MiB"));
      case "g" -> Json.NODES.textNode(String.format(Locale.ROOT, spec, bytes / 1073741824.0, "GiB"));
      default -> Json.integer(bytes);
    };
  }
}
