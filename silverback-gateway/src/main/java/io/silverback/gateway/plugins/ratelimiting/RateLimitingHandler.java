package io.silverback.gateway.plugins.ratelimiting;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Entity;
import io.silverback.core.plugin.RateLimitingPlugin;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.ProxyExchange;
import io.silverback.gateway.plugins.Compiled;
import io.silverback.gateway.plugins.Responses;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
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
  private static final Compiled<LimitConfig> CONFIGS = Compiled.per(RateLimitingPlugin.NAME, LimitConfig::of);

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
    LimitConfig conf = CONFIGS.get(exchange, config);
    PluginScopes.Scope scope = exchange.view(PluginScopes.VIEW).getOrDefault(config, PluginScopes.Scope.GLOBAL);
    Map<Period, String> keys = conf.keys(scope, identifier(exchange, config), now);
    CounterPolicy policy = policy(conf);
    if (policy == local) {
      // counted in this JVM: no I/O, so no futures
      try {
        count(exchange, config, conf, local.counts(keys, now), policy, keys, now);
      } catch (RuntimeException e) {
        if (!conf.faultTolerant()) {
          throw e;
        }
      }
      return Future.succeededFuture();
    }
    return policy.usage(exchange.vertx(), config, keys, now)
        .map(usage -> {
          count(exchange, config, conf, usage, policy, keys, now);
          return (Void) null;
        })
        .recover(err -> conf.faultTolerant() ? Future.succeededFuture() : Future.failedFuture(err));
  }

  private void count(ProxyExchange exchange, JsonNode config, LimitConfig conf, Map<Period, Long> usage,
      CounterPolicy policy, Map<Period, String> keys, long now) {
    decide(exchange, conf, usage, now);
    if (!exchange.exited()) {
      policy.increment(exchange.vertx(), config, keys, now);
    }
  }

  private void decide(ProxyExchange exchange, LimitConfig conf, Map<Period, Long> usage, long now) {
    Map<Period, Double> limits = conf.limits();
    Period stop = null;
    for (Map.Entry<Period, Double> e : limits.entrySet()) {
      if (e.getValue() - usage.getOrDefault(e.getKey(), 0L) <= 0) {
        stop = e.getKey();
      }
    }
    Map<String, String> limitHeaders = null;
    if (!conf.hideClientHeaders()) {
      limitHeaders = LimitHeaders.of(limits, usage, stop, now);
      exchange.ctx().put(HEADERS, limitHeaders);
    }
    if (stop != null) {
      MultiMap headers = MultiMap.caseInsensitiveMultiMap();
      if (limitHeaders != null) {
        headers.addAll(limitHeaders);
      }
      headers.addAll(Responses.jsonHeaders());
      exchange.exit(conf.errorCode(), Responses.message(conf.errorMessage()), headers);
    }
  }

  @Override
  public void headerFilter(ProxyExchange exchange, JsonNode config) {
    if (exchange.ctx().get(HEADERS) instanceof Map<?, ?> headers) {
      MultiMap response = exchange.responseHeaders();
      headers.forEach((name, value) -> response.set((String) name, (String) value));
    }
  }

  @Override
  public void close() {
    redis.close();
  }

  private CounterPolicy policy(LimitConfig conf) {
    String name = conf.policy();
    if (name.equals("redis")) {
      return redis;
    }
    if (name.equals("cluster") && clusterWarned.compareAndSet(false, true)) {
      LOG.log(System.Logger.Level.WARNING, "rate-limiting: policy 'cluster' counts per node here, as 'local';"
          + " use 'redis' to share counters between nodes");
    }
    return local;
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
