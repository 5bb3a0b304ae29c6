package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Config;
import io.silverback.core.schema.Json;
import io.silverback.gateway.balancer.BalancerRegistry;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.PluginCatalog;
import io.silverback.gateway.plugin.ProxyExchange;
import io.silverback.gateway.plugin.testing.Snapshots;
import io.silverback.gateway.plugins.keyauth.KeyAuthHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Consumer-scoped plugin configurations through a real proxy: they apply once key-auth (which runs
 * first, by priority) authenticated the consumer, a route+consumer one beats a consumer one, and
 * the global one serves everyone else. None of the auth plugins may be consumer-scoped, so
 * request-transformer's {@code add.headers} is played by a stand-in that sets those headers.
 */
class ConsumerScopedPluginProxyTest {
  static Vertx vertx;
  static EchoUpstream upstream;
  static ProxyServer proxy;
  static int port;

  /** Stands in for request-transformer: sets the {@code add.headers} ({@code name:value}) upstream. */
  static final class AddHeaders implements GatewayPlugin {
    @Override
    public String name() {
      return "request-transformer";
    }

    @Override
    public int priority() {
      return 801;
    }

    @Override
    public Future<Void> access(ProxyExchange exchange, JsonNode config) {
      for (JsonNode h : config.path("add").path("headers")) {
        String[] pair = h.asText().split(":", 2);
        exchange.upstreamHeaders().set(pair[0], pair[1]);
      }
      return Future.succeededFuture();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    upstream = EchoUpstream.start("scoped");
    Config config = Snapshots.of("""
        consumers:
        - username: alice
          keyauth_credentials: [{key: alice-key}]
          plugins:
          - name: request-transformer
            config: {add: {headers: ["x-scope:alice"]}}
        - username: bob
          keyauth_credentials: [{key: bob-key}]
        plugins:
        - name: request-transformer
          config: {add: {headers: ["x-scope:global"]}}
        - name: request-transformer
          route: r2
          consumer: alice
          config: {add: {headers: ["x-scope:alice-on-r2"]}}
        services:
        - name: s
          url: %s
          plugins:
          - name: key-auth
          routes:
          - name: r
            paths: [/r]
          - name: r2
            paths: [/r2]
        """.formatted(upstream.url()));
    vertx = Vertx.vertx();
    BalancerRegistry balancers = new BalancerRegistry(vertx);
    PluginCatalog catalog = PluginCatalog.of(List.of(new KeyAuthHandler(Clock.systemUTC()), new AddHeaders()));
    proxy = ProxyServer.start(vertx, new ProxySnapshots(config, catalog, balancers), balancers, 1)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    port = proxy.listen("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    upstream.close();
  }

  private static HttpResponse<String> get(String path, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10));
    if (key != null) {
      b.header("apikey", key);
    }
    return ProxyNode.send(b.build());
  }

  private static String scope(String path, String key) throws IOException {
    HttpResponse<String> response = get(path, key);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.MAPPER.readTree(response.body()).path("headers").path("x-scope").asText();
  }

  @Test
  void theAuthenticatedConsumersConfigurationBeatsTheGlobalOne() throws IOException {
    assertThat(scope("/r", "alice-key")).isEqualTo("alice");
    assertThat(scope("/r", "bob-key")).isEqualTo("global");
  }

  @Test
  void aRouteAndConsumerConfigurationBeatsTheConsumerOne() throws IOException {
    assertThat(scope("/r2", "alice-key")).isEqualTo("alice-on-r2");
    assertThat(scope("/r2", "bob-key")).isEqualTo("global");
  }

  @Test
  void withoutAConsumerKeyAuthEndsTheExchangeBeforeAnyConfigurationApplies() {
    HttpResponse<String> response = get("/r", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"message\":\"No API key found in request\"}");
  }
}
