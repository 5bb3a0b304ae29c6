package io.silverback.gateway.plugins.ratelimiting;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@code redis} policy. With Kong's realtime sync ({@code sync_rate = -1}) reading the usage
 * counts the request, in one pipeline of Kong's script per limited period ({@code INCR}, then
 * {@code EXPIRE} when the key is new, returning the count before); with a {@code sync_rate} the
 * counts are kept locally and added in batches ({@link SyncedCounters}). Every node that points
 * at the same Redis database shares the counters, since the keys carry only Kong's ids.
 *
 * <p>One pooled client per Redis endpoint ({@code host:port;database}, Kong's {@code db_key}),
 * created on first use. Availability changes are reported through {@link RedisHealth}.
 */
final class RedisPolicy implements CounterPolicy {
  private static final String SCRIPT = """
      local cache_key, expiration = KEYS[1], ARGV[1]
      local result_incr = redis.call("incr", cache_key)
      if result_incr == 1 then
        redis.call("expire", cache_key, expiration)
      end
      return result_incr - 1
      """;

  private static final String INCREMENT = """
      local key, value, expiration = KEYS[1], tonumber(ARGV[1]), ARGV[2]
      local exists = redis.call("exists", key)
      redis.call("incrby", key, value)
      if not exists or exists == 0 then
        redis.call("expireat", key, expiration)
      end
      """;
  private static final double REALTIME = -1;

  private final Map<String, Redis> clients = new ConcurrentHashMap<>();
  private final RedisHealth health;
  private final SyncedCounters synced = new SyncedCounters(this);

  RedisPolicy(RedisHealth health) {
    this.health = health;
  }

  @Override
  public Future<Map<Period, Long>> usage(Vertx vertx, JsonNode config, Map<Period, String> keys, long nowMillis) {
    if (config.path("sync_rate").asDouble(REALTIME) != REALTIME) {
      return synced.usage(vertx, config, keys, nowMillis);
    }
    return count(vertx, config.path("redis"), keys);
  }

  /** Counts one request in Redis for each key, returning the counts before it (Kong's usage script). */
  Future<Map<Period, Long>> count(Vertx vertx, JsonNode redis, Map<Period, String> keys) {
    List<Period> periods = new ArrayList<>(keys.keySet());
    List<Request> pipeline = new ArrayList<>();
    for (Period p : periods) {
      pipeline.add(Request.cmd(Command.EVAL).arg(SCRIPT).arg(1).arg(keys.get(p)).arg(p.expirationSeconds()));
    }
    String endpoint = endpoint(redis);
    return client(vertx, endpoint, redis).batch(pipeline)
        .timeout(redis.path("timeout").asLong(2000), TimeUnit.MILLISECONDS)
        .map(responses -> {
          Map<Period, Long> out = new EnumMap<>(Period.class);
          for (int i = 0; i < periods.size(); i++) {
            Response r = responses.get(i);
            out.put(periods.get(i), r == null ? 0L : r.toLong());
          }
          return out;
        })
        .andThen(ar -> health.report(endpoint, ar.cause()));
  }

  /**
   * Realtime ({@code sync_rate = -1}): nothing, {@link #usage} has already counted the request, as
   * in Kong. Otherwise the request is counted locally and synced within {@code sync_rate} seconds.
   */
  @Override
  public void increment(Vertx vertx, JsonNode config, Map<Period, String> keys, long nowMillis) {
    if (config.path("sync_rate").asDouble(REALTIME) != REALTIME) {
      synced.increment(vertx, config, keys, nowMillis);
    }
  }

  /**
   * Adds {@code deltas} to their keys in one pipeline of Kong's {@code sync_to_redis} script
   * ({@code INCRBY}, then {@code EXPIREAT} on a new key).
   *
   * @param deltas the change of each key, with the epoch second at which a new key expires
   */
  Future<Void> add(Vertx vertx, JsonNode redis, Map<String, long[]> deltas) {
    List<Request> pipeline = new ArrayList<>();
    deltas.forEach((key, d) -> pipeline.add(Request.cmd(Command.EVAL).arg(INCREMENT).arg(1).arg(key).arg(d[0])
        .arg(d[1])));
    String endpoint = endpoint(redis);
    return client(vertx, endpoint, redis).batch(pipeline)
        .timeout(redis.path("timeout").asLong(2000), TimeUnit.MILLISECONDS)
        .andThen(ar -> health.report(endpoint, ar.cause()))
        .mapEmpty();
  }

  @Override
  public void close() {
    clients.values().forEach(Redis::close);
    clients.clear();
  }

  /** Kong's {@code db_key}: {@code host:port;database}. */
  static String endpoint(JsonNode redis) {
    return redis.path("host").asText() + ":" + redis.path("port").asInt(6379) + ";" + redis.path("database").asInt(0);
  }

  private Redis client(Vertx vertx, String endpoint, JsonNode redis) {
    return clients.computeIfAbsent(endpoint, e -> Redis.createClient(vertx, options(redis)));
  }

  private static RedisOptions options(JsonNode redis) {
    String scheme = redis.path("ssl").asBoolean(false) ? "rediss" : "redis";
    RedisOptions options = new RedisOptions()
        .setConnectionString(scheme + "://" + redis.path("host").asText() + ":" + redis.path("port").asInt(6379)
            + "/" + redis.path("database").asInt(0))
        .setNetClientOptions(new NetClientOptions()
            .setConnectTimeout(redis.path("timeout").asInt(2000))
            .setTrustAll(!redis.path("ssl_verify").asBoolean(false)))
        .setMaxPoolSize(8)
        .setMaxPoolWaiting(1024);
    String password = redis.path("password").textValue();
    if (password != null && !password.isEmpty()) {
      options.setPassword(password);
      String user = redis.path("username").textValue();
      if (user != null && !user.isEmpty()) {
        options.setUser(user);
      }
    }
    return options;
  }
}
