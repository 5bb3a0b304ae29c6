package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.Json;
import io.silverback.gateway.balancer.BalancerRegistry;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.PluginCatalog;
import io.silverback.gateway.plugin.ProxyExchange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proxy runs the plugin phases as the {@code gateway.plugin} contract says, with stand-in
 * plugins under the bundled names: access may exit or rewrite the upstream request (whole body
 * included), header filters see every answer, body filters get the whole body, log runs once.
 */
class ProxyPluginsTest {
  static final Queue<String> LOGGED = new ConcurrentLinkedQueue<>();

  static Vertx vertx;
  static EchoUpstream upstream;
  static ProxyServer proxy;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    upstream = EchoUpstream.start("plugged");
    Config config = DeclarativeConfigParser.of(EntityRegistry.standard()).parseString("""
        _format_version: '3.0'
        services:
        - name: s
          url: %s
          routes:
          - name: stop
            paths: [/stop]
            plugins: [{name: request-termination, config: {status_code: 403, message: stopped}}]
          - name: transform
            paths: [/transform]
            plugins: [{name: request-transformer}, {name: response-transformer}]
        plugins:
        - name: file-log
          config: {path: /tmp/silverback-proxy-plugins-test.log}
        """.formatted(upstream.url())).orThrow().config();
    vertx = Vertx.vertx();
    BalancerRegistry balancers = new BalancerRegistry(vertx);
    PluginCatalog catalog = PluginCatalog.of(List.of(new Terminate(), new RewriteRequest(), new ShoutResponse(),
        new CountLog()));
    proxy = ProxyServer.start(vertx, new ProxySnapshots(config, catalog, balancers), balancers, 2)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    port = proxy.listen("127.0.0.1", 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    upstream.close();
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
  }

  @Test
  void anAccessExitAnswersWithoutCallingTheUpstreamAndStillRunsHeaderFilterAndLog() throws Exception {
    int calls = upstream.requests();

    HttpResponse<String> response = ProxyNode.send(request("/stop").build());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo("{\"message\":\"stopped\"}");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(response.headers().firstValue("X-Terminated-Status")).hasValue("403");
    assertThat(upstream.requests()).isEqualTo(calls);
    // log runs after the answer went out (and other tests' exchanges may still be logging)
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!LOGGED.contains("/stop") && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(LOGGED.stream().filter("/stop"::equals)).hasSize(1);
  }

  @Test
  void accessRewritesTheUpstreamRequestAndBodyFiltersGetTheWholeResponse() throws Exception {
    HttpResponse<String> response = ProxyNode.send(request("/transform/x?a=1")
        .POST(HttpRequest.BodyPublishers.ofString("abc")).build());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Shouted")).hasValue("yes");
    assertThat(response.headers().firstValue("Content-Length")).hasValue(String.valueOf(response.body().length()));
    JsonNode echo = Json.MAPPER.readTree(response.body().toLowerCase(Locale.ROOT));
    assertThat(echo.path("method").asText()).isEqualTo("put");
    assertThat(echo.path("uri").asText()).isEqualTo("/rewritten?a=1&b=2");
    assertThat(echo.path("body_length").asLong()).isEqualTo("abc!".length());
    assertThat(echo.path("headers").path("x-added").asText()).isEqualTo("abc");
    assertThat(response.body()).contains("\"UPSTREAM\":\"PLUGGED\"");
  }

  /** Stands in for request-termination: exits with the configured status and message. */
  static final class Terminate implements GatewayPlugin {
    @Override
    public String name() {
      return "request-termination";
    }

    @Override
    public int priority() {
      return 2;
    }

    @Override
    public Future<Void> access(ProxyExchange exchange, JsonNode config) {
      exchange.exit(config.path("status_code").asInt(), config.path("message").asText());
      return Future.succeededFuture();
    }

    @Override
    public void headerFilter(ProxyExchange exchange, JsonNode config) {
      exchange.responseHeaders().set("X-Terminated-Status", Integer.toString(exchange.status()));
    }
  }

  /** Stands in for request-transformer: reads the whole body, then rewrites method, path, query, header and body. */
  static final class RewriteRequest implements GatewayPlugin {
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
      return exchange.requestBody(1024).map(body -> {
        exchange.upstreamMethod("PUT");
        exchange.upstreamPath("/rewritten");
        exchange.upstreamQuery(exchange.upstreamQuery() + "&b=2");
        exchange.upstreamHeaders().set("X-Added", body.toString());
        exchange.upstreamBody(body.copy().appendString("!"));
        return null;
      });
    }
  }

  /** Stands in for response-transformer: upper-cases the whole body. */
  static final class ShoutResponse implements GatewayPlugin {
    @Override
    public String name() {
      return "response-transformer";
    }

    @Override
    public int priority() {
      return 800;
    }

    @Override
    public void headerFilter(ProxyExchange exchange, JsonNode config) {
      exchange.responseHeaders().set("X-Shouted", "yes");
    }

    @Override
    public boolean buffersResponse(JsonNode config) {
      return true;
    }

    @Override
    public Buffer bodyFilter(ProxyExchange exchange, JsonNode config, Buffer body) {
      return Buffer.buffer(body.toString().toUpperCase(Locale.ROOT));
    }
  }

  /** Stands in for file-log: counts log phases. */
  static final class CountLog implements GatewayPlugin {
    @Override
    public String name() {
      return "file-log";
    }

    @Override
    public int priority() {
      return 9;
    }

    @Override
    public void log(ProxyExchange exchange, JsonNode config) {
      LOGGED.add(exchange.request().path());
    }
  }
}
