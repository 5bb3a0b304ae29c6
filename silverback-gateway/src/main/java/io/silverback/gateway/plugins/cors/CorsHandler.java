package io.silverback.gateway.plugins.cors;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.plugin.CorsPlugin;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.ProxyExchange;
import io.silverback.gateway.plugins.Compiled;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kong's {@code cors} (kong/plugins/cors/handler.lua): answers a preflight request ({@code
 * OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) itself with 200 and
 * the allow headers, unless {@code preflight_continue}; adds {@code Access-Control-Allow-Origin}
 * and friends to every other response.
 */
public final class CorsHandler implements GatewayPlugin {
  private static final String SKIP = "cors.skip_response_headers";
  private static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";
  private static final String DEFAULT_METHODS = "GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT";
  private static final Compiled<AllowedOrigins> ORIGINS = Compiled.per(CorsPlugin.NAME, AllowedOrigins::of);

  @Override
  public String name() {
    return CorsPlugin.NAME;
  }

  @Override
  public int priority() {
    return CorsPlugin.PRIORITY;
  }

  @Override
  public Future<Void> access(ProxyExchange exchange, JsonNode config) {
    MultiMap req = exchange.upstreamHeaders();
    String origin = req.get("Origin");
    if (!"OPTIONS".equals(exchange.upstreamMethod()) || !present(origin)
        || req.get("Access-Control-Request-Method") == null) {
      return Future.succeededFuture();
    }
    exchange.ctx().put(SKIP, Boolean.TRUE);
    if (config.path("preflight_continue").asBoolean(false)) {
      return Future.succeededFuture();
    }
    MultiMap out = MultiMap.caseInsensitiveMultiMap();
    boolean allowAll = configureOrigin(origins(exchange, config), out, false, origin);
    configureCredentials(config, out, allowAll, false, origin);
    List<String> headers = strings(config.path("headers"));
    if (!headers.isEmpty()) {
      out.set("Access-Control-Allow-Headers", String.join(",", headers));
    } else if (req.get("Access-Control-Request-Headers") != null) {
      out.set("Access-Control-Allow-Headers", req.get("Access-Control-Request-Headers"));
    }
    List<String> methods = strings(config.path("methods"));
    out.set("Access-Control-Allow-Methods", config.path("methods").isArray() ? String.join(",", methods)
        : DEFAULT_METHODS);
    if (config.path("max_age").isNumber()) {
      out.set("Access-Control-Max-Age", number(config.get("max_age")));
    }
    if (config.path("private_network").asBoolean(false)
        && "true".equals(req.get("Access-Control-Request-Private-Network"))) {
      out.set("Access-Control-Allow-Private-Network", "true");
    }
    exchange.exit(200, null, out);
    return Future.succeededFuture();
  }

  @Override
  public void headerFilter(ProxyExchange exchange, JsonNode config) {
    if (exchange.ctx().containsKey(SKIP)) {
      return;
    }
    String origin = exchange.upstreamHeaders().get("Origin");
    if (!present(origin) && !config.path("allow_origin_absent").asBoolean(true)) {
      return;
    }
    MultiMap out = exchange.responseHeaders();
    boolean allowAll = configureOrigin(origins(exchange, config), out, true, origin);
    configureCredentials(config, out, allowAll, true, origin);
    List<String> exposed = strings(config.path("exposed_headers"));
    if (!exposed.isEmpty()) {
      out.set("Access-Control-Expose-Headers", String.join(",", exposed));
    }
  }

  /** Kong's {@code configure_origin}: whether every origin is allowed ({@code *}). */
  private static boolean configureOrigin(AllowedOrigins origins, MultiMap out, boolean headerFilter, String origin) {
    if (origins.allowsAll()) {
      out.set(ALLOW_ORIGIN, "*");
      return true;
    }
    varyOnOrigin(out, headerFilter);
    Optional<String> single = origins.single();
    if (single.isPresent()) {
      out.set(ALLOW_ORIGIN, single.get());
      return false;
    }
    if (present(origin)) {
      if (origins.containsAny()) {
        out.set(ALLOW_ORIGIN, "*");
        return true;
      }
      Optional<String> matched = origins.match(origin);
      if (matched.isPresent()) {
        out.set(ALLOW_ORIGIN, matched.get());
        return false;
      }
    }
    out.remove(ALLOW_ORIGIN);
    return false;
  }

  private static void configureCredentials(JsonNode config, MultiMap out, boolean allowAll, boolean headerFilter,
      String origin) {
    if (!config.path("credentials").asBoolean(false)) {
      return;
    }
    if (!allowAll) {
      out.set("Access-Control-Allow-Credentials", "true");
      return;
    }
    if (present(origin)) {
      varyOnOrigin(out, headerFilter);
      out.set(ALLOW_ORIGIN, origin);
      out.set("Access-Control-Allow-Credentials", "true");
    }
  }

  private static void varyOnOrigin(MultiMap out, boolean headerFilter) {
    if (headerFilter) {
      out.add("Vary", "Origin");
    } else {
      out.set("Vary", "Origin");
    }
  }

  private static AllowedOrigins origins(ProxyExchange exchange, JsonNode config) {
    return ORIGINS.get(exchange, config);
  }

  private static boolean present(String s) {
    return s != null && !s.isEmpty();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  /** Lua's {@code tostring} of a number. */
  private static String number(JsonNode n) {
    return n.isIntegralNumber() || n.doubleValue() == Math.rint(n.doubleValue())
        ? Long.toString(n.longValue()) : Double.toString(n.doubleValue());
  }
}
