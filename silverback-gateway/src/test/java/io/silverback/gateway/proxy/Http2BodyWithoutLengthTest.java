package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.schema.Json;
import io.silverback.gateway.node.Node;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: an HTTP/2 request body without {@code Content-Length} (a streamed upload) reached
 * an HTTP/1.1 upstream empty, since only HTTP/1.1 framing announced a body.
 */
class Http2BodyWithoutLengthTest {
  @TempDir
  static Path dir;
  static Vertx vertx;
  static EchoUpstream upstream;
  static Node node;
  static HttpClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    upstream = EchoUpstream.start("echo");
    node = Node.start(NodeConf.load(Optional.empty(), Map.of(), Map.of("prefix", dir.resolve("prefix").toString(),
        "database", "off", "admin_listen", "off", "proxy_listen", "127.0.0.1:0 http2",
        "declarative_config_string", "{_format_version: '3.0', services: [{name: echo, url: 'http://127.0.0.1:"
            + upstream.port() + "', routes: [{name: echo, paths: [/]}]}]}")));
    client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false));
  }

  @AfterAll
  static void stop() throws Exception {
    node.stop();
    upstream.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  static RequestOptions request(HttpMethod method) {
    return new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(node.proxyPorts().get(0))
        .setURI("/upload");
  }

  @Test
  void anHttp2UploadWithoutLengthReachesAnHttpUpstreamWhole() throws Exception {
    JsonNode seen = Json.MAPPER.readTree(client.request(request(HttpMethod.POST)).compose(req -> {
      req.setChunked(true);
      req.write("hello ");
      req.end("world");
      return req.response().compose(r -> r.body());
    }).await(10, TimeUnit.SECONDS).toString());
    assertThat(seen.path("body_length").asInt()).isEqualTo(11);
  }

  @Test
  void anHttp2GetGoesUpstreamWithoutABody() throws Exception {
    JsonNode seen = Json.MAPPER.readTree(client.request(request(HttpMethod.GET))
        .compose(req -> req.send().compose(r -> r.body())).await(10, TimeUnit.SECONDS).toString());
    assertThat(seen.path("body_length").asInt()).isZero();
    assertThat(seen.path("headers").has("transfer-encoding")).isFalse();
  }
}
