package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.silverback.core.schema.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The traffic plugins end to end: a DB-less node with a real loopback upstream. */
class TrafficPluginsTest {
  @TempDir
  static Path dir;

  static EchoUpstream upstream;
  static ProxyNode node;
  static Path logFile;
  static HttpServer logServer;
  static final List<String> logged = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    upstream = EchoUpstream.start("up");
    logFile = dir.resolve("requests.log");
    logServer = logServer();
    node = ProxyNode.start(dir, """
        _format_version: '3.0'
        plugins:
        - name: prometheus
          config: {status_code_metrics: true, latency_metrics: true}
        - name: file-log
          config: {path: '%s'}
        - name: http-log
          config: {http_endpoint: 'http://127.0.0.1:%d/logs', queue: {max_batch_size: 5, max_coalescing_delay: 0.1}}
        services:
        - name: svc
          url: %s
          routes:
          - name: limited
            paths: [/limited]
            plugins:
            - name: rate-limiting
              config: {hour: 2, policy: local}
          - name: cors
            paths: [/cors]
            plugins:
            - name: cors
              config: {origins: ['http://a.test'], max_age: 600}
          - name: terminated
            paths: [/terminated]
            plugins:
            - name: request-termination
              config: {status_code: 418, message: teapot}
          - name: small
            paths: [/small]
            plugins:
            - name: request-size-limiting
              config: {allowed_payload_size: 10, size_unit: bytes}
          - name: json
            paths: [/json]
            plugins:
            - name: response-transformer
              config: {remove: {json: [headers]}, add: {json: ['added:yes']}}
          - name: transformed
            paths: [/users]
            plugins:
            - name: request-transformer
              config:
                http_method: PUT
                replace: {uri: '/accounts/$(headers["x-user"])'}
                add: {headers: ['x-user-id:$(headers.x_user)'], querystring: ['source:gw']}
                remove: {headers: [x-secret]}
            - name: correlation-id
              config: {header_name: X-Request-Id, echo_downstream: true}
          - name: echo
            paths: [/echo]
            plugins:
            - name: request-termination
              config: {status_code: 200, echo: true}
          - name: guarded
            paths: [/guarded]
            plugins:
            - name: ip-restriction
              config: {deny: [127.0.0.0/8]}
        """.formatted(logFile, logServer.getAddress().getPort(), upstream.url()));
  }

  @AfterAll
  static void stop() {
    node.close();
    upstream.close();
    logServer.stop(0);
  }

  private static HttpServer logServer() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/logs", exchange -> {
        try (InputStream in = exchange.getRequestBody()) {
          logged.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
      });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void rateLimitingAnswers429AfterTheLimit() {
    HttpResponse<String> first = node.get("/limited");
    node.get("/limited");
    HttpResponse<String> third = node.get("/limited");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("X-RateLimit-Remaining-Hour")).hasValue("1");
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.body()).isEqualTo("{\"message\":\"API rate limit exceeded\"}");
    assertThat(third.headers().firstValue("Retry-After")).isPresent();
    assertThat(third.headers().firstValue("RateLimit-Remaining")).hasValue("0");
  }

  @Test
  void corsAnswersThePreflightItself() {
    int before = upstream.requests();
    HttpResponse<String> preflight = ProxyNode.send(node.request("/cors")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", "http://a.test").header("Access-Control-Request-Method", "PUT").build());

    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://a.test");
    assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).isPresent();
    assertThat(preflight.headers().firstValue("Content-Type")).isEmpty();
    assertThat(preflight.body()).isEmpty();
    assertThat(upstream.requests()).isEqualTo(before);

    HttpResponse<String> simple = ProxyNode.send(node.request("/cors").header("Origin", "http://a.test").build());
    assertThat(simple.statusCode()).isEqualTo(200);
    assertThat(simple.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://a.test");
  }

  @Test
  void requestTerminationAnswersWithoutTheUpstream() {
    HttpResponse<String> res = node.get("/terminated");

    assertThat(res.statusCode()).isEqualTo(418);
    assertThat(res.body()).isEqualTo("{\"message\":\"teapot\"}");
  }

  @Test
  void requestSizeLimitingRefusesALargeBody() {
    HttpResponse<String> large = ProxyNode.send(node.request("/small")
        .POST(HttpRequest.BodyPublishers.ofString("01234567890")).build());
    HttpResponse<String> fits = ProxyNode.send(node.request("/small")
        .POST(HttpRequest.BodyPublishers.ofString("0123456789")).build());

    assertThat(large.statusCode()).isEqualTo(413);
    assertThat(large.body()).isEqualTo("{\"message\":\"Request size limit exceeded\"}");
    assertThat(fits.statusCode()).isEqualTo(200);
    assertThat(node.get("/small").statusCode()).as("no body at all").isEqualTo(200);
  }

  @Test
  void requestSizeLimitingCountsAChunkedBody() {
    HttpResponse<String> chunked = ProxyNode.send(node.request("/small")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[64])))
        .build());

    assertThat(chunked.statusCode()).isEqualTo(413);
  }

  @Test
  void responseTransformerChangesTheJsonBody() throws IOException {
    HttpResponse<String> res = node.get("/json");

    JsonNode body = Json.MAPPER.readTree(res.body());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(body.path("added").asText()).isEqualTo("yes");
    assertThat(body.has("headers")).isFalse();
    assertThat(body.path("upstream").asText()).isEqualTo("up");
    assertThat(res.headers().firstValueAsLong("Content-Length")).hasValue(res.body().length());
  }

  @Test
  void requestTransformerRewritesTheUpstreamRequest() throws IOException {
    HttpResponse<String> res = ProxyNode.send(node.request("/users?x=1").header("X-Secret", "s")
        .header("X-User", "42").build());

    JsonNode seen = Json.MAPPER.readTree(res.body());
    assertThat(seen.path("method").asText()).isEqualTo("PUT");
    assertThat(seen.path("uri").asText()).isEqualTo("/accounts/42?x=1&source=gw");
    assertThat(seen.path("headers").path("x-user-id").asText()).isEqualTo("42");
    assertThat(seen.path("headers").has("x-secret")).isFalse();
    assertThat(seen.path("headers").path("x-request-id").asText()).matches("[0-9a-f-]{36}#\\d+");
    assertThat(res.headers().firstValue("X-Request-Id")).hasValue(seen.path("headers").path("x-request-id").asText());
  }

  @Test
  void theCorrelationIdIsInTheLogLine() throws Exception {
    HttpResponse<String> res = ProxyNode.send(node.request("/users?trace=correlation").header("X-User", "7").build());
    String id = res.headers().firstValue("X-Request-Id").orElseThrow();

    String line = awaitLine("trace=correlation").stream().filter(l -> l.contains("trace=correlation")).findFirst()
        .orElseThrow();
    JsonNode entry = Json.MAPPER.readTree(line);
    assertThat(entry.path("correlation_id").asText()).isEqualTo(id);
    assertThat(entry.path("upstream_uri").asText()).isEqualTo("/accounts/7?trace=correlation&source=gw");
  }

  @Test
  void requestTerminationEchoesTheRequest() throws IOException {
    HttpResponse<String> res = ProxyNode.send(node.request("/echo?q=1").header("X-Probe", "p").build());

    JsonNode echo = Json.MAPPER.readTree(res.body());
    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(echo.path("request").path("path").asText()).isEqualTo("/echo");
    assertThat(echo.path("request").path("query").path("q").asText()).isEqualTo("1");
    assertThat(echo.path("request").path("headers").path("x-probe").asText()).isEqualTo("p");
    assertThat(echo.path("matched_route").path("name").asText()).isEqualTo("echo");
    assertThat(echo.path("kong").path("node_id").asText()).hasSize(36);
  }

  @Test
  void ipRestrictionRefusesADeniedClient() {
    HttpResponse<String> res = node.get("/guarded");

    assertThat(res.statusCode()).isEqualTo(403);
    assertThat(res.body()).isEqualTo("{\"message\":\"IP address not allowed: 127.0.0.1\"}");
  }

  @Test
  void prometheusExposesMetricsAfterTraffic() {
    node.get("/terminated");
    node.get("/json");

    HttpResponse<String> metrics = ProxyNode.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + node.adminPort() + "/metrics")).timeout(Duration.ofSeconds(10)).build());

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(metrics.body()).contains("kong_http_requests_total{code=\"418\",consumer=\"\",route=\"terminated\","
        + "service=\"svc\",source=\"kong\",workspace=\"default\"}");
    assertThat(metrics.body()).contains("route=\"json\",service=\"svc\",source=\"service\"");
    assertThat(metrics.body()).contains("kong_request_latency_ms_bucket");
  }

  @Test
  void fileLogWritesOneJsonLinePerRequest() throws Exception {
    node.get("/json?trace=file-log");

    List<String> lines = awaitLine("trace=file-log");
    JsonNode entry = Json.MAPPER.readTree(lines.stream().filter(l -> l.contains("trace=file-log")).findFirst()
        .orElseThrow());
    assertThat(entry.path("request").path("uri").asText()).isEqualTo("/json?trace=file-log");
    assertThat(entry.path("request").path("querystring").path("trace").asText()).isEqualTo("file-log");
    assertThat(entry.path("response").path("status").asInt()).isEqualTo(200);
    assertThat(entry.path("route").path("name").asText()).isEqualTo("json");
    assertThat(entry.path("service").path("name").asText()).isEqualTo("svc");
    assertThat(entry.path("upstream_uri").asText()).isEqualTo("/?trace=file-log");
  }

  @Test
  void httpLogSendsBatchesToTheLogServer() throws Exception {
    node.get("/json?trace=http-log");

    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (logged.stream().noneMatch(b -> b.contains("trace=http-log")) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    String batch = logged.stream().filter(b -> b.contains("trace=http-log")).findFirst().orElseThrow();
    JsonNode entries = Json.MAPPER.readTree(batch);
    assertThat(entries.isArray()).isTrue();
    JsonNode entry = StreamSupport.stream(entries.spliterator(), false)
        .filter(e -> e.path("request").path("uri").asText().contains("trace=http-log")).findFirst().orElseThrow();
    assertThat(entry.path("route").path("name").asText()).isEqualTo("json");
    assertThat(entry.path("response").path("status").asInt()).isEqualTo(200);
  }

  private static List<String> awaitLine(String marker) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(logFile)) {
        List<String> lines = Files.readAllLines(logFile);
        if (lines.stream().anyMatch(l -> l.contains(marker))) {
          return lines;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no line with " + marker + " in " + logFile);
  }
}
