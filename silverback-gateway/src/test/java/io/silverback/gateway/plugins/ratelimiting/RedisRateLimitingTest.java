package io.silverback.gateway.plugins.ratelimiting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.gateway.plugins.testing.PluginConfigs;
import io.silverback.gateway.plugin.testing.TestExchange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The redis policy against the real Redis at 127.0.0.1:6379. */
class RedisRateLimitingTest {
  private static final int REDIS_PORT = 6379;

  private final Vertx vertx = Vertx.vertx();
  private final AtomicLong clock = new AtomicLong(Instant.parse("2024-03-17T13:45:10Z").toEpochMilli());
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final String tenant = UUID.randomUUID().toString();

  @BeforeAll
  static void redisIsReachable() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", REDIS_PORT), 500);
    } catch (IOException e) {
      assumeTrue(false, "Redis is not reachable at 127.0.0.1:" + REDIS_PORT + " (" + e.getMessage()
          + "); start it with: redis-server --daemonize yes --bind 127.0.0.1 --port 6379");
    }
  }

  @AfterEach
  void closeVertx() {
    vertx.close().await();
  }

  private RateLimitingHandler node() {
    return new RateLimitingHandler(clock::get, new RedisHealth((level, line) -> log.add(level + " " + line)));
  }

  private JsonNode config(int port, boolean faultTolerant) {
    return PluginConfigs.config("rate-limiting", "{\"minute\":3,\"policy\":\"redis\",\"limit_by\":\"header\","
        + "\"header_name\":\"x-tenant\",\"fault_tolerant\":" + faultTolerant + ",\"redis\":{\"host\":\"127.0.0.1\","
        + "\"port\":" + port + ",\"timeout\":1000}}");
  }

  private TestExchange send(RateLimitingHandler node, JsonNode config) throws Exception {
    TestExchange ex = new TestExchange(null).vertx(vertx).header("x-tenant", tenant);
    Future<Void> done = node.access(ex, config);
    done.toCompletionStage().toCompletableFuture().handle((v, e) -> null).get(5, TimeUnit.SECONDS);
    ex.ctx().put("test.failed", done.failed());
    node.headerFilter(ex, config);
    return ex;
  }

  @Test
  void twoNodesShareOneCounter() throws Exception {
    RateLimitingHandler a = node();
    RateLimitingHandler b = node();
    JsonNode config = config(REDIS_PORT, true);

    assertThat(send(a, config).responseHeaders().get("X-RateLimit-Remaining-Minute")).isEqualTo("2");
    assertThat(send(b, config).responseHeaders().get("X-RateLimit-Remaining-Minute")).isEqualTo("1");
    assertThat(send(a, config).exited()).isFalse();
    TestExchange refused = send(b, config);

    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.responseHeaders().get("Retry-After")).isEqualTo("50");
    a.close();
    b.close();
  }

  @Test
  void withASyncRateNodesCountLocallyAndShareCountsAfterEachSync() throws Exception {
    RateLimitingHandler a = node();
    RateLimitingHandler b = node();
    JsonNode config = PluginConfigs.config("rate-limiting", "{\"minute\":4,\"policy\":\"redis\",\"limit_by\":"
        + "\"header\",\"header_name\":\"x-tenant\",\"sync_rate\":0.5,\"redis\":{\"host\":\"127.0.0.1\","
        + "\"port\":" + REDIS_PORT + "}}");

    assertThat(send(a, config).responseHeaders().get("X-RateLimit-Remaining-Minute")).isEqualTo("3");
    assertThat(send(a, config).responseHeaders().get("X-RateLimit-Remaining-Minute")).isEqualTo("2");
    assertThat(send(b, config).responseHeaders().get("X-RateLimit-Remaining-Minute"))
        .as("b read the shared count before a synced its second request").isEqualTo("2");
    Thread.sleep(1000);

    assertThat(send(b, config).exited()).as("a's and b's counts reached Redis: this is the 4th").isFalse();
    Thread.sleep(1000);
    TestExchange fifth = send(a, config);
    assertThat(fifth.status()).isEqualTo(429);
    Thread.sleep(1000);
    assertThat(redisCount(a, config)).as("the refused request is not counted").isEqualTo(4);
    a.close();
    b.close();
  }

  private long redisCount(RateLimitingHandler node, JsonNode config) throws Exception {
    String key = CounterKeys.of(PluginScopes.Scope.GLOBAL, tenant, Map.of(Period.MINUTE, 4.0), clock.get())
        .get(Period.MINUTE);
    var client = Redis.createClient(vertx, "redis://127.0.0.1:" + REDIS_PORT);
    try {
      return client.send(Request.cmd(Command.GET).arg(key))
          .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS).toLong();
    } finally {
      client.close();
    }
  }

  @Test
  void faultTolerantLetsRequestsThroughAndWarnsOnceThenSaysWhenRedisIsBack() throws Exception {
    int port = freePort();
    RateLimitingHandler node = node();
    JsonNode config = config(port, true);

    for (int i = 0; i < 3; i++) {
      TestExchange ex = send(node, config);
      assertThat(ex.exited()).isFalse();
      assertThat(ex.ctx().get("test.failed")).isEqualTo(false);
      assertThat(ex.responseHeaders().names()).isEmpty();
    }
    assertThat(log).hasSize(1).allMatch(l -> l.startsWith(Level.WARNING + " ") && l.contains(":" + port + ";0"));

    NetServer forwarder = forwardToRedis(port);
    assertThat(send(node, config).responseHeaders().get("X-RateLimit-Remaining-Minute")).isEqualTo("2");
    assertThat(log).hasSize(2).last().asString().startsWith(Level.INFO + " ");
    forwarder.close().await();
    node.close();
  }

  @Test
  void withoutFaultToleranceAnUnreachableRedisFailsTheRequest() throws Exception {
    RateLimitingHandler node = node();

    TestExchange ex = send(node, config(freePort(), false));

    assertThat(ex.ctx().get("test.failed")).isEqualTo(true);
    node.close();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A plain TCP forwarder to the real Redis on {@code port}: Redis "coming back" there. */
  private NetServer forwardToRedis(int port) {
    var client = vertx.createNetClient();
    return vertx.createNetServer().connectHandler((NetSocket in) -> {
      in.pause();
      client.connect(REDIS_PORT, "127.0.0.1").onSuccess(out -> {
        in.pipeTo(out);
        out.pipeTo(in);
        in.resume();
      }).onFailure(e -> in.close());
    }).listen(port, "127.0.0.1").await();
  }

  @Test
  void healthReportsOnlyTransitions() {
    RedisHealth health = new RedisHealth((level, line) -> log.add(level + " " + line));
    health.report("h:1;0", new IOException("refused"));
    health.report("h:1;0", new IOException("refused"));
    health.report("h:1;0", null);
    health.report("h:1;0", null);

    assertThat(log).hasSize(2);
    assertThat(health.isDown("h:1;0")).isFalse();
  }
}
