package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.conf.NodeConf;
import io.silverback.gateway.node.Node;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC through a DB-less node: h2c clients on an {@code http2} plain listener and h2 clients on an
 * {@code http2 ssl} one, {@code grpc} and {@code grpcs} services on loopback ({@link
 * GrpcUpstream}), unary and streaming calls with their trailers, and Kong's answers when a call
 * cannot be proxied.
 */
class GrpcProxyTest {
  @TempDir
  static Path dir;
  static Vertx vertx;
  static GrpcUpstream plain;
  static GrpcUpstream secure;
  static ClosedPort dead;
  static int deadPort;
  static Node node;
  static HttpClient h2c;
  static HttpClient h2;

  /** A call's answer as the client saw it. */
  record Answer(int status, MultiMap headers, List<String> messages, MultiMap trailers) {}

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    plain = GrpcUpstream.start(vertx, false);
    secure = GrpcUpstream.start(vertx, true);
    dead = ClosedPort.open();
    deadPort = dead.port();
    String declarative = """
        _format_version: '3.0'
        consumers:
        - username: alice
          keyauth_credentials: [{key: alice-key}]
        services:
        - name: echo
          url: grpc://127.0.0.1:%1$d
          routes:
          - {name: echo, protocols: [grpc, grpcs], paths: [/echo.Echo/]}
          - {name: secure-only, protocols: [grpcs], paths: [/secure.Echo/]}
        - name: slow
          url: grpc://127.0.0.1:%1$d
          read_timeout: 300
          retries: 0
          routes: [{name: slow, protocols: [grpc], paths: [/slow.Echo/]}]
        - name: tls-echo
          url: grpcs://127.0.0.1:%2$d
          routes: [{name: tls-echo, protocols: [grpcs], paths: [/tls.Echo/]}]
        - name: down
          url: grpc://127.0.0.1:%3$d
          retries: 1
          routes: [{name: down, protocols: [grpc], paths: [/down.Echo/]}]
        - name: guarded
          url: grpc://127.0.0.1:%1$d
          routes:
          - name: guarded
            protocols: [grpc]
            paths: [/guarded.Echo/]
            plugins: [{name: key-auth}]
        - name: pooled
          host: grpc-pool
          protocol: grpc
          retries: 2
          routes: [{name: pooled, protocols: [grpc], paths: [/pooled.Echo/]}]
        upstreams:
        - name: grpc-pool
          targets: [{target: '127.0.0.1:%3$d'}, {target: '127.0.0.1:%1$d'}]
        """.formatted(plain.port(), secure.port(), deadPort);
    node = Node.start(NodeConf.load(Optional.empty(), Map.of(), Map.of("prefix", dir.resolve("prefix").toString(),
        "database", "off", "admin_listen", "off",
        "proxy_listen", "127.0.0.1:0 http2, 127.0.0.1:0 http2 ssl, 127.0.0.1:0",
        "declarative_config_string", declarative)));
    h2c = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false));
    h2 = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setSsl(true)
        .setUseAlpn(true).setTrustAll(true).setVerifyHost(false));
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.stop();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
    if (dead != null) {
      dead.close();
    }
  }

  static int port(int listener) {
    return node.proxyPorts().get(listener);
  }

  static Answer call(HttpClient client, int port, String path, MultiMap headers, String... messages)
      throws Exception {
    return call(client, 20, port, path, headers, messages);
  }

  private static Answer call(HttpClient client, int seconds, int port, String path, MultiMap headers,
      String... messages) throws Exception {
    Buffer body = Buffer.buffer();
    for (String m : messages) {
      body.appendBuffer(GrpcUpstream.frame(m));
    }
    return client.request(grpcRequest(port, path, headers))
        .compose(req -> req.send(body))
        .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), resp.headers(),
            GrpcUpstream.messages(b), resp.trailers())))
        .await(seconds, TimeUnit.SECONDS);
  }

  /**
   * A call the proxy answers itself, before the request has ended (no route, a refusal, a plugin's
   * exit). Vert.x 5.0.7's HTTP/2 client now and then never completes such an answer (about one
   * call in 100-300 on one connection; reproduced with a bare Vert.x server, no Silverback code,
   * see the README's gRPC notes), so each attempt gets a fresh connection and 5 s, and a third
   * silent attempt fails the test.
   */
  static Answer earlyAnswer(int port, String path, MultiMap headers, String... messages) throws Exception {
    java.util.concurrent.TimeoutException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      HttpClient fresh = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
          .setHttp2ClearTextUpgrade(false));
      try {
        return call(fresh, 5, port, path, headers, messages);
      } catch (java.util.concurrent.TimeoutException e) {
        last = e;
      } finally {
        fresh.close();
      }
    }
    throw last;
  }

  static RequestOptions grpcRequest(int port, String path, MultiMap headers) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
        .setURI(path).putHeader(HttpHeaders.CONTENT_TYPE, "application/grpc").putHeader("te", "trailers");
    if (headers != null) {
      headers.forEach(options::putHeader);
    }
    return options;
  }

  @Test
  void aUnaryCallIsProxiedOverH2cAndItsTrailersComeBack() throws Exception {
    Answer answer = call(h2c, port(0), "/echo.Echo/Unary", null, "hello", "world");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers().get("content-type")).isEqualTo("application/grpc");
    assertThat(answer.headers().get("x-upstream")).isEqualTo("grpc");
    assertThat(answer.headers().get("via")).startsWith("2 silverback/");
    assertThat(answer.headers().get("x-kong-upstream-latency")).isNotNull();
    assertThat(answer.messages()).containsExactly("hello", "world");
    assertThat(answer.trailers().get("grpc-status")).isEqualTo("0");
    MultiMap seen = plain.seen;
    assertThat(seen.get(":version")).isEqualTo("HTTP_2");
    assertThat(seen.get(":path")).isEqualTo("/echo.Echo/Unary");
    assertThat(seen.get(":authority")).isEqualTo("127.0.0.1:" + plain.port());
    assertThat(seen.get("te")).isEqualTo("trailers");
    assertThat(seen.get("x-forwarded-proto")).isEqualTo("http");
    assertThat(seen.get("via")).startsWith("2 silverback/");
  }

  @Test
  void aServerStreamingCallRelaysEachMessageAsItComes() throws Exception {
    plain.releaseLast = new CompletableFuture<>();
    List<String> got = new ArrayList<>();
    CompletableFuture<Answer> done = new CompletableFuture<>();
    h2c.request(grpcRequest(port(0), "/echo.Echo/Server", null)).compose(req -> req.send(Buffer.buffer()))
        .onSuccess(resp -> {
          Buffer pending = Buffer.buffer();
          resp.handler(chunk -> {
            pending.appendBuffer(chunk);
            List<String> whole = GrpcUpstream.messages(pending);
            synchronized (got) {
              got.clear();
              got.addAll(whole);
              if (whole.size() == 2) {
                plain.releaseLast.complete(null);
              }
            }
          });
          resp.endHandler(v -> done.complete(new Answer(resp.statusCode(), resp.headers(),
              GrpcUpstream.messages(pending), resp.trailers())));
        }).onFailure(done::completeExceptionally);
    Answer answer = done.orTimeout(20, TimeUnit.SECONDS).join();
    assertThat(answer.messages()).containsExactly("one", "two", "three");
    assertThat(answer.trailers().get("grpc-status")).isEqualTo("0");
  }

  @Test
  void aClientStreamingCallReachesTheUpstreamMessageByMessage() throws Exception {
    int before = plain.received.get();
    HttpClientRequest req = h2c.request(grpcRequest(port(0), "/echo.Echo/Client", null)).await(10, TimeUnit.SECONDS);
    req.setChunked(true);
    CompletableFuture<Answer> response = req.response().compose(resp -> resp.body().map(b -> new Answer(
        resp.statusCode(), resp.headers(), GrpcUpstream.messages(b), resp.trailers())))
        .toCompletionStage().toCompletableFuture();
    req.write(GrpcUpstream.frame("first")).await(10, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (plain.received.get() == before && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(plain.received.get()).as("the first message arrived before the call ended").isEqualTo(before + 1);
    req.end(GrpcUpstream.frame("second"));
    Answer answer = response.get(10, TimeUnit.SECONDS);
    assertThat(answer.messages()).containsExactly("got 2");
    assertThat(answer.trailers().get("grpc-status")).isEqualTo("0");
  }

  @Test
  void aBidirectionalCallGetsEachAnswerBeforeItSendsTheNextMessage() throws Exception {
    HttpClientRequest req = h2c.request(grpcRequest(port(0), "/echo.Echo/Bidi", null)).await(10, TimeUnit.SECONDS);
    req.setChunked(true);
    Buffer pending = Buffer.buffer();
    List<CompletableFuture<Void>> echoed = List.of(new CompletableFuture<>(), new CompletableFuture<>());
    CompletableFuture<String> status = new CompletableFuture<>();
    req.response().onSuccess(resp -> {
      resp.handler(chunk -> {
        pending.appendBuffer(chunk);
        int n = GrpcUpstream.messages(pending).size();
        for (int i = 0; i < Math.min(n, 2); i++) {
          echoed.get(i).complete(null);
        }
      });
      resp.endHandler(v -> status.complete(resp.trailers().get("grpc-status")));
    });
    req.write(GrpcUpstream.frame("ping"));
    echoed.get(0).get(10, TimeUnit.SECONDS);
    req.write(GrpcUpstream.frame("pong"));
    echoed.get(1).get(10, TimeUnit.SECONDS);
    req.end();
    assertThat(status.get(10, TimeUnit.SECONDS)).isEqualTo("0");
    assertThat(GrpcUpstream.messages(pending)).containsExactly("echo ping", "echo pong");
  }

  @Test
  void aTrailersOnlyAnswerKeepsItsStatusInTheHeaders() throws Exception {
    Answer answer = call(h2c, port(0), "/echo.Echo/Missing", null, "x");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers().get("grpc-status")).isEqualTo("5");
    assertThat(answer.headers().get("grpc-message")).isEqualTo("no such thing");
    assertThat(answer.messages()).isEmpty();
  }

  @Test
  void aGrpcsServiceIsCalledOverTlsWithAlpnH2FromATlsClient() throws Exception {
    Answer answer = call(h2, port(1), "/tls.Echo/Unary", null, "secret");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.messages()).containsExactly("secret");
    assertThat(answer.trailers().get("grpc-status")).isEqualTo("0");
    assertThat(secure.seen.get(":version")).isEqualTo("HTTP_2");
    assertThat(secure.seen.get("x-forwarded-proto")).isEqualTo("https");
  }

  @Test
  void aClientThatCancelsResetsItsUpstreamStreamAndTheConnectionServesTheNextCall() throws Exception {
    plain.releaseLast = new CompletableFuture<>();
    int resetsBefore = plain.resets.get();
    HttpClientRequest req = h2c.request(grpcRequest(port(0), "/echo.Echo/Server", null)).await(10, TimeUnit.SECONDS);
    CompletableFuture<Void> twoArrived = new CompletableFuture<>();
    Buffer pending = Buffer.buffer();
    req.send(Buffer.buffer()).onSuccess(resp -> resp.handler(chunk -> {
      pending.appendBuffer(chunk);
      if (GrpcUpstream.messages(pending).size() == 2) {
        twoArrived.complete(null);
      }
    }));
    twoArrived.get(10, TimeUnit.SECONDS);
    req.reset();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (plain.resets.get() == resetsBefore && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(plain.resets.get()).as("the upstream's stream was reset").isEqualTo(resetsBefore + 1);
    Answer next = call(h2c, port(0), "/echo.Echo/Unary", null, "again");
    assertThat(next.messages()).containsExactly("again");
    assertThat(next.trailers().get("grpc-status")).isEqualTo("0");
  }

  @Test
  void anUpstreamThatRefusesIsKongsBadGatewayWithGrpcStatus13() throws Exception {
    Answer answer = earlyAnswer(port(0), "/down.Echo/Unary", null, "x");
    assertThat(answer.status()).isEqualTo(502);
    assertThat(answer.headers().get("grpc-status")).isEqualTo("13");
    assertThat(answer.headers().get("grpc-message")).isEqualTo(Replies.BAD_GATEWAY);
    assertThat(answer.headers().get("content-length")).isEqualTo("0");
  }

  @Test
  void anUpstreamSilentPastReadTimeoutIsKongsGatewayTimeoutWithGrpcStatus4() throws Exception {
    Answer answer = call(h2c, port(0), "/slow.Echo/Stall", null, "x");
    assertThat(answer.status()).isEqualTo(504);
    assertThat(answer.headers().get("grpc-status")).isEqualTo("4");
    assertThat(answer.headers().get("grpc-message")).isEqualTo(Replies.TIMEOUT);
  }

  @Test
  void aCallIsRetriedOnAnotherPeerWhenTheFirstRefuses() throws Exception {
    int before = plain.calls.get();
    for (int i = 0; i < 2; i++) {
      Answer answer = call(h2c, port(0), "/pooled.Echo/Unary", null, "round " + i);
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.messages()).containsExactly("round " + i);
    }
    assertThat(plain.calls.get() - before).isEqualTo(2);
  }

  @Test
  void noRouteAnswersAGrpcClientWithGrpcStatus5() throws Exception {
    Answer answer = earlyAnswer(port(0), "/nowhere.Echo/Unary", null, "x");
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.headers().get("content-type")).isEqualTo("application/grpc");
    assertThat(answer.headers().get("grpc-status")).isEqualTo("5");
    assertThat(answer.headers().get("grpc-message")).isEqualTo("NotFound");
  }

  @Test
  void aGrpcCallWithoutTlsOnAGrpcsOnlyRouteGetsGrpcStatus1() throws Exception {
    Answer answer = earlyAnswer(port(0), "/secure.Echo/Unary", null, "x");
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.headers().get("grpc-status")).isEqualTo("1");
    assertThat(answer.headers().get("grpc-message")).isEqualTo("gRPC request matched gRPCs route");
    assertThat(h2.request(grpcRequest(port(1), "/secure.Echo/Unary", null)).compose(r -> r.send(
        GrpcUpstream.frame("y"))).compose(r -> r.body().map(b -> r.statusCode() + " " + r.trailers().get(
        "grpc-status") + " " + GrpcUpstream.messages(b))).await(10, TimeUnit.SECONDS)).isEqualTo("200 0 [y]");
  }

  @Test
  void aGrpcRequestOverHttp1IsToldToUseHttp2() throws Exception {
    HttpResponse<String> r = ProxyNode.send(HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + port(0) + "/echo.Echo/Unary"))
        .header("Content-Type", "application/grpc").POST(HttpRequest.BodyPublishers.ofString("x")).build());
    assertThat(r.statusCode()).isEqualTo(426);
    assertThat(r.body()).isEqualTo("{\"message\":\"Please use HTTP2 protocol\"}");
    assertThat(r.headers().firstValue("upgrade")).hasValue("HTTP/2");
  }

  @Test
  void aNonGrpcRequestOnAGrpcRouteIsUnsupportedMediaType() throws Exception {
    HttpResponse<String> r = ProxyNode.send(HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + port(2) + "/echo.Echo/Unary"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(r.statusCode()).isEqualTo(415);
    assertThat(r.body()).isEqualTo("{\"message\":\"Non-gRPC request matched gRPC route\"}");
  }

  @Test
  void keyAuthOnAGrpcRouteRejectsWithUnauthenticatedAndLetsAKeyThrough() throws Exception {
    Answer refused = earlyAnswer(port(0), "/guarded.Echo/Unary", null, "x");
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.headers().get("content-type")).isEqualTo("application/grpc");
    assertThat(refused.headers().get("grpc-status")).isEqualTo("16");
    assertThat(refused.headers().get("grpc-message")).isEqualTo("Unauthenticated");
    assertThat(refused.messages()).isEmpty();
    Answer let = call(h2c, port(0), "/guarded.Echo/Unary", MultiMap.caseInsensitiveMultiMap().set("apikey",
        "alice-key"), "x");
    assertThat(let.status()).isEqualTo(200);
    assertThat(let.messages()).containsExactly("x");
    assertThat(plain.seen.get("x-consumer-username")).isEqualTo("alice");
  }
}
