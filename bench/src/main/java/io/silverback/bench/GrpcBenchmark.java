package io.silverback.bench;

import io.silverback.core.conf.NodeConf;
import io.silverback.gateway.node.Node;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Unary gRPC calls through the proxy (issue 5): an h2c upstream on loopback (Vert.x, echoes one
 * 64-byte message with {@code grpc-status: 0} trailers), a DB-less node in the same JVM with one
 * {@code grpc} service and route on an {@code http2} listener, and an h2c client keeping {@code
 * STREAMS} calls in flight on one connection for {@code SECONDS}. After one unreported warm-up
 * run of each, rounds alternate the upstream
 * directly and the proxy; each prints one JSON line (calls per second, p50/p99 latency, failed
 * calls). Client, upstream and node share this machine's cores and one JVM: compare only lines of
 * the same run.
 *
 * <p>{@code java -cp ... io.silverback.bench.GrpcBenchmark [ROUNDS] [SECONDS] [STREAMS]}.
 */
public final class GrpcBenchmark {
  private static final Buffer MESSAGE = Buffer.buffer().appendByte((byte) 0).appendInt(64)
      .appendBytes(new byte[64]);

  private GrpcBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int streams = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    Vertx vertx = Vertx.vertx();
    HttpServer upstream = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(true))
        .requestHandler(req -> req.body().onSuccess(b -> req.response().putHeader("content-type", "application/grpc")
            .putTrailer("grpc-status", "0").end(b)))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    Path prefix = Files.createTempDirectory("silverback-grpc-bench");
    Node node = Node.start(NodeConf.load(Optional.empty(), Map.of(), Map.of("prefix", prefix.toString(),
        "database", "off", "admin_listen", "off", "proxy_listen", "127.0.0.1:0 http2",
        "declarative_config_string", "{_format_version: '3.0', services: [{name: bench, url: 'grpc://127.0.0.1:"
            + upstream.actualPort() + "', routes: [{name: bench, protocols: [grpc], paths: [/bench.Echo/]}]}]}")));
    try {
      run(vertx, upstream.actualPort(), seconds, streams);
      run(vertx, node.proxyPorts().get(0), seconds, streams);
      for (int r = 1; r <= rounds; r++) {
        report("direct", r, streams, run(vertx, upstream.actualPort(), seconds, streams));
        report("proxy", r, streams, run(vertx, node.proxyPorts().get(0), seconds, streams));
      }
    } finally {
      node.stop();
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** What one run measured: every call's latency in nanoseconds, the failed calls, the seconds. */
  private record Run(List<Long> latencies, long failed, double seconds) {}

  private static Run run(Vertx vertx, int port, int seconds, int streams) throws Exception {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
        .setHttp2ClearTextUpgrade(false).setHttp2MultiplexingLimit(streams));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Stopwatch watch = Stopwatch.start();
    List<Future<Run>> loops = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      Promise<Run> done = Promise.promise();
      loop(client, port, deadline, new ArrayList<>(), new long[1], done);
      loops.add(done.future());
    }
    List<Long> all = new ArrayList<>();
    long failed = 0;
    for (Future<Run> f : loops) {
      Run r = f.await(seconds + 30L, TimeUnit.SECONDS);
      all.addAll(r.latencies());
      failed += r.failed();
    }
    double elapsed = watch.seconds();
    client.close().await(10, TimeUnit.SECONDS);
    return new Run(all, failed, elapsed);
  }

  /** One stream's calls, one after another until the deadline. */
  private static void loop(HttpClient client, int port, long deadline, List<Long> latencies, long[] failed,
      Promise<Run> done) {
    if (System.nanoTime() >= deadline) {
      done.complete(new Run(latencies, failed[0], 0));
      return;
    }
    long start = System.nanoTime();
    client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
            .setURI("/bench.Echo/Unary").putHeader("content-type", "application/grpc").putHeader("te", "trailers"))
        .compose(req -> req.send(MESSAGE))
        .compose(resp -> resp.body().map(b -> "0".equals(resp.getTrailer("grpc-status")) && b.length() == 69))
        .onComplete(ar -> {
          if (ar.succeeded() && ar.result()) {
            latencies.add(System.nanoTime() - start);
          } else {
            failed[0]++;
          }
          loop(client, port, deadline, latencies, failed, done);
        });
  }

  private static void report(String target, int round, int streams, Run run) {
    List<Long> sorted = new ArrayList<>(run.latencies());
    Collections.sort(sorted);
    Report.of("grpc-unary").put("target", target).put("round", round).put("streams", streams)
        .put("calls", sorted.size()).put("failed", run.failed())
        .put("calls_per_s", (double) Math.round(sorted.size() / run.seconds()))
        .put("p50_ms", percentile(sorted, 0.50) / 1e6).put("p99_ms", percentile(sorted, 0.99) / 1e6).print();
  }

  private static double percentile(List<Long> sorted, double q) {
    return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
  }
}
