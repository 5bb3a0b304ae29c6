package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code headers}, {@code headers_upstream} and {@code allow_debug_header} settings through real nodes. */
class KongHeadersProxyTest {
  private static final String CONFIG = """
      _format_version: '3.0'
      services:
      - name: echo
        id: 6f2d1c4e-2a6b-4d4e-9d0f-2f1a3b4c5d6e
        url: %s
        routes:
        - name: open
          id: 0b7e2c1d-3f4a-4b5c-8d6e-7f8091a2b3c4
          paths: [/open]
      """;

  @TempDir
  static Path defaultsDir;
  @TempDir
  static Path offDir;
  @TempDir
  static Path pickedDir;

  static EchoUpstream echo;
  static ProxyNode defaults;
  static ProxyNode off;
  static ProxyNode picked;

  @BeforeAll
  static void start() {
    echo = EchoUpstream.start("echo");
    defaults = ProxyNode.start(defaultsDir, CONFIG.formatted(echo.url()));
    off = ProxyNode.start(offDir, CONFIG.formatted(echo.url()), Map.of("headers", "off", "headers_upstream", "off"));
    picked = ProxyNode.start(pickedDir, CONFIG.formatted(echo.url()), Map.of(
        "headers", "X-Kong-Upstream-Status, server", "allow_debug_header", "on"));
  }

  @AfterAll
  static void stop() {
    defaults.close();
    off.close();
    picked.close();
    echo.close();
  }

  @Test
  void byDefaultTheClientAndTheUpstreamGetTheSameFreshRequestId() throws IOException {
    HttpResponse<String> first = defaults.get("/open");
    HttpResponse<String> second = defaults.get("/open");
    String id = first.headers().firstValue("X-Kong-Request-Id").orElseThrow();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(Json.MAPPER.readTree(first.body()).path("headers").path("x-kong-request-id").asText()).isEqualTo(id);
    assertThat(second.headers().firstValue("X-Kong-Request-Id")).get().isNotEqualTo(id);
    assertThat(first.headers().firstValue("Via")).isPresent();
    assertThat(first.headers().firstValue("X-Kong-Upstream-Latency")).isPresent();
    assertThat(first.headers().firstValue("X-Kong-Proxy-Latency")).isPresent();
    assertThat(first.headers().firstValue("X-Kong-Upstream-Status")).isEmpty();
  }

  @Test
  void byDefaultTheProxysOwnAnswersCarryServerLatencyAndRequestId() {
    HttpResponse<String> r = defaults.get("/nowhere");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Server")).hasValue(Replies.SERVER);
    assertThat(r.headers().firstValue("X-Kong-Response-Latency")).isPresent();
    assertThat(r.headers().firstValue("X-Kong-Request-Id").orElseThrow()).matches("[0-9a-f]{32}");
  }

  @Test
  void headersOffAddsNoneOfKongsHeadersEitherWay() throws IOException {
    HttpResponse<String> proxied = off.get("/open");
    HttpResponse<String> refused = off.get("/nowhere");
    for (String name : new String[] {"Via", "X-Kong-Upstream-Latency", "X-Kong-Proxy-Latency", "X-Kong-Request-Id"}) {
      assertThat(proxied.headers().firstValue(name)).as(name).isEmpty();
    }
    for (String name : new String[] {"Server", "X-Kong-Response-Latency", "X-Kong-Request-Id"}) {
      assertThat(refused.headers().firstValue(name)).as(name).isEmpty();
    }
    JsonNode sent = Json.MAPPER.readTree(proxied.body()).path("headers");
    assertThat(sent.has("x-kong-request-id")).isFalse();
  }

  @Test
  void theListedHeadersAreAddedAndNoOthers() {
    HttpResponse<String> proxied = picked.get("/open");
    assertThat(proxied.headers().firstValue("X-Kong-Upstream-Status")).hasValue("200");
    assertThat(proxied.headers().firstValue("Via")).isEmpty();
    assertThat(proxied.headers().firstValue("X-Kong-Proxy-Latency")).isEmpty();
    assertThat(proxied.headers().firstValue("X-Kong-Request-Id")).isEmpty();
    assertThat(picked.get("/nowhere").headers().firstValue("Server")).hasValue(Replies.SERVER);
  }

  @Test
  void aKongDebugRequestGetsTheMatchedRouteAndServiceWhenAllowed() {
    HttpResponse<String> debug = ProxyNode.send(picked.request("/open").header("Kong-Debug", "1").build());
    assertThat(debug.headers().firstValue("Kong-Route-Id")).hasValue("0b7e2c1d-3f4a-4b5c-8d6e-7f8091a2b3c4");
    assertThat(debug.headers().firstValue("Kong-Route-Name")).hasValue("open");
    assertThat(debug.headers().firstValue("Kong-Service-Id")).hasValue("6f2d1c4e-2a6b-4d4e-9d0f-2f1a3b4c5d6e");
    assertThat(debug.headers().firstValue("Kong-Service-Name")).hasValue("echo");
    assertThat(picked.get("/open").headers().firstValue("Kong-Route-Id")).isEmpty();
  }

  @Test
  void kongDebugIsIgnoredByDefault() {
    HttpResponse<String> debug = ProxyNode.send(defaults.request("/open").header("Kong-Debug", "1").build());
    assertThat(debug.headers().firstValue("Kong-Route-Id")).isEmpty();
  }

  @Test
  void theAdminApiSendsItsLatencyUnlessHeadersLeaveItOut() {
    assertThat(adminStatus(defaults).headers().firstValue("X-Kong-Admin-Latency")).isPresent();
    assertThat(adminStatus(off).headers().firstValue("X-Kong-Admin-Latency")).isEmpty();
    assertThat(adminStatus(picked).headers().firstValue("X-Kong-Admin-Latency")).isEmpty();
  }

  @Test
  void kongsRequestIdReplacesAnUpstreamsOwnUnlessHeadersLeaveItOut() {
    HttpResponse<String> ours = ProxyNode.send(defaults.request("/open/h")
        .header("X-Echo-Response-Header", "X-Kong-Request-Id: theirs").build());
    HttpResponse<String> theirs = ProxyNode.send(off.request("/open/h")
        .header("X-Echo-Response-Header", "X-Kong-Request-Id: theirs").build());
    assertThat(ours.headers().allValues("X-Kong-Request-Id")).singleElement().asString().matches("[0-9a-f]{32}");
    assertThat(theirs.headers().allValues("X-Kong-Request-Id")).containsExactly("theirs");
  }

  private static HttpResponse<String> adminStatus(ProxyNode node) {
    HttpResponse<String> r = ProxyNode.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + node.adminPort() + "/status")).build());
    assertThat(r.statusCode()).isEqualTo(200);
    return r;
  }
}
