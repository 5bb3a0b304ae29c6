package io.silverback.gateway.plugins.ratelimiting;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Entity;
import io.silverback.core.plugin.RateLimitingPlugin;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.ProxyExchange;
import io.silverback.gateway.plugins.Responses;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Kong's {@code rate-limiting} (kong/plugins/rate-limiting/handler.lua): fixed windows per
 * second, minute, hour, day, month and year, counted per identifier ({@code limit_by}) in this
 * node ({@code local}) or in Redis ({@code redis}). A request over a limit gets {@code
 * error_code} (429) with {@code error_message}; every request gets the limit headers unless
 * {@code hide_client_headers}.
 *
 * <p>The {@code cluster} policy (counters in the database) is counted as {@code local}, per node,
 * with one warning: its per-request database round trips are what the redis policy replaces.
 */
public final class RateLimitingHandler implements GatewayPlugin {
  private static final System.Logger LOG = System.getLogger(RateLimitingHandler.class.getName());
  private static final String HEADERS = "rate-limiting.headers";

  private final LongSupplier epochMillis;
  private final LocalPolicy local = new LocalPolicy();
  private final RedisPolicy redis;
  private final AtomicBoolean clusterWarned = new AtomicBoolean();

  /** With the system clock. */
  public RateLimitingHandler() {
    this(System::currentTimeMillis, new RedisHealth());
  }

  /**
   * @param epochMillis the clock (milliseconds since the epoch; Kong counts whole seconds)
   * @param health where Redis availability changes are reported
   */
  RateLimitingHandler(LongSupplier epochMillis, RedisHealth health) {
    this.epochMillis = epochMillis;
    this.redis = new RedisPolicy(health);
  }

  @Override
  public String name() {
    return RateLimitingPlugin.NAME;
  }

  @Override
  public int priority() {
    return RateLimitingPlugin.PRIORITY;
  }

  @Override
  public Future<Void> access(ProxyExchange exchange, JsonNode config) {
    long now = epochMillis.getAsLong() / 1000 * 1000;
    Map<Period, Double> limits = limits(config);
    PluginScopes.Scope scope = exchange.view(PluginScopes.VIEW).getOrDefault(config, PluginScopes.Scope.GLOBAL);
    Map<Period, String> keys = CounterKeys.of(scope, identifier(exchange, config), limits, now);
    CounterPolicy policy = policy(config);
    return policy.usage(exchange.vertx(), config, keys, now)
        .map(usage -> {
          decide(exchange, config, limits, usage, now);
          if (!exchange.exited()) {
            policy.increment(exchange.vertx(), config, keys, now);
          }
          return (Void) null;
        })
        .recover(err -> {
          if (!config.path("fault_tolerant").asBoolean(true)) {
            return Future.failedFuture(err);
          }
          return Future.succeededFuture();
        });
  }

  private void decide(ProxyExchange exchange, JsonNode config, Map<Period, Double> limits, Map<Period, Long> usage,
      long now) {
    Period stop = null;
    for (Map.Entry<Period, Double> e : limits.entrySet()) {
      if (e.getValue() - usage.getOrDefault(e.getKey(), 0L) <= 0) {
        stop = e.getKey();
      }
    }
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (!config.path("hide_client_headers").asBoolean(false)) {
      headers.addAll(LimitHeaders.of(limits, usage, stop, now));
      exchange.ctx().put(HEADERS, headers);
    }
    if (stop != null) {
      headers.addAll(Responses.jsonHeaders());
      exchange.exit(config.path("error_code").asInt(429),
          Responses.message(config.path("error_message").asText("API rate limit exceeded")), headers);
    }
  }

  @Override
  public void headerFilter(ProxyExchange exchange, JsonNode config) {
    if (exchange.ctx().get(HEADERS) instanceof MultiMap headers) {
      headers.forEach(h -> {
        if (!h.getKey().equalsIgnoreCase("Content-Type")) {
          exchange.responseHeaders().set(h.getKey(), h.getValue());
        }
      });
    }
  }

  @Override
  public void close() {
    redis.close();
  }

  private CounterPolicy policy(JsonNode config) {
    String name = config.path("policy").asText("local");
    if (name.equals("redis")) {
      return redis;
    }
    if (name.equals("cluster") && clusterWarned.compareAndSet(false, true)) {
      LOG.log(System.Logger.Level.WARNING, "rate-limiting: policy 'cluster' counts per node here, as 'local';"
          + " use 'redis' to share counters between nodes");
    }
    return local;
  }

  private static Map<Period, Double> limits(JsonNode config) {
    Map<Period, Double> limits = new EnumMap<>(Period.class);
    for (Period p : Period.ALL) {
      JsonNode v = config.get(p.field());
      if (v != null && v.isNumber()) {
        limits.put(p, v.doubleValue());
      }
    }
    return limits;
  }

  /** Kong's {@code get_identifier}, falling back to the client's address. */
  static String identifier(ProxyExchange exchange, JsonNode config) {
    String id = switch (config.path("limit_by").asText("consumer")) {
      case "service" -> idOf(exchange.service());
      case "consumer" -> exchange.consumer() != null ? idOf(exchange.consumer()) : idOf(exchange.credential());
      case "credential" -> idOf(exchange.credential());
      case "header" -> exchange.upstreamHeaders().get(config.path("header_name").asText());
      case "path" -> {
        String path = exchange.match().normalizedPath();
        yield path != null && path.equals(config.path("path").asText()) ? path : null;
      }
      default -> null;
    };
    return id != null ? id : exchange.clientIp();
  }

  private static String idOf(Entity e) {
    return e == null ? null : e.id();
  }
}
