package io.silverback.bench;

import io.silverback.core.conf.NodeConf;
import io.silverback.gateway.node.Node;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * TCP through the stream proxy (issue 5, stream routes): a Vert.x echo upstream on {@code
 * ECHO_PORT}, a DB-less node in the same JVM with one {@code tcp} route on a {@code stream_listen}
 * port, and, when {@code NGINX_PORT} is given, nginx's {@code stream} {@code proxy_pass} to the same
 * echo (started by {@code bench/stream.sh}). Two measures per target, interleaved over rounds after
 * one unreported warm-up of each:
 *
 * <ul>
 *   <li>{@code bulk}: {@code CONNECTIONS} connections each keep up to 256 KiB of 16 KiB chunks in
 *       flight and count the bytes echoed back for {@code SECONDS}: MiB/s through the proxy.
 *   <li>{@code connect}: {@code CONNECTIONS} loops each open a connection, echo 64 bytes and
 *       close it: connections per second (route match, upstream connect, teardown).
 * </ul>
 *
 * Client, echo and node share this machine's cores and one JVM (nginx runs apart): compare only
 * lines of the same run.
 *
 * <p>{@code java -cp ... io.silverback.bench.StreamBenchmark ROUNDS SECONDS CONNECTIONS ECHO_PORT [NGINX_PORT]}.
 */
public final class StreamBenchmark {
  private static final int CHUNK = 16 * 1024;
  private static final int WINDOW = 256 * 1024;
  private static final Buffer DATA = Buffer.buffer(new byte[CHUNK]);
  private static final Buffer SMALL = Buffer.buffer(new byte[64]);

  private StreamBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rounds = Integer.parseInt(args[0]);
    int seconds = Integer.parseInt(args[1]);
    int connections = Integer.parseInt(args[2]);
    int echoPort = Integer.parseInt(args[3]);
    Vertx vertx = Vertx.vertx();
    NetServer echo = vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true))
        .connectHandler(s -> s.pipeTo(s)).listen(echoPort, "127.0.0.1").await(10, TimeUnit.SECONDS);
    Path prefix = Files.createTempDirectory("silverback-stream-bench");
    Node node = Node.start(NodeConf.load(Optional.empty(), Map.of(), Map.of("prefix", prefix.toString(),
        "database", "off", "admin_listen", "off", "proxy_listen", "off", "stream_listen", "127.0.0.1:0",
        "declarative_config_string", "{_format_version: '3.0', services: [{name: echo, protocol: tcp, host: 127.0.0.1,"
            + " port: " + echoPort + ", routes: [{name: echo, protocols: [tcp], sources: [{ip: 127.0.0.1}]}]}]}")));
    Map<String, Integer> targets = new LinkedHashMap<>();
    targets.put("direct", echo.actualPort());
    if (args.length > 4) {
      targets.put("nginx", Integer.parseInt(args[4]));
    }
    targets.put("silverback", node.streamPorts().get(0));
    NetClient client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true));
    try {
      for (int port : targets.values()) {
        bulk(client, port, Math.min(seconds, 5), connections);
        connects(client, port, Math.min(seconds, 5), connections);
      }
      for (int r = 1; r <= rounds; r++) {
        for (Map.Entry<String, Integer> t : targets.entrySet()) {
          double mib = bulk(client, t.getValue(), seconds, connections);
          Report.of("stream-bulk").put("target", t.getKey()).put("round", r).put("connections", connections)
              .put("mib_per_s", Math.round(mib * 10) / 10.0).print();
          double cps = connects(client, t.getValue(), seconds, connections);
          Report.of("stream-connect").put("target", t.getKey()).put("round", r).put("connections", connections)
              .put("connections_per_s", (double) Math.round(cps)).print();
        }
      }
    } finally {
      node.stop();
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** MiB per second echoed back over {@code connections} connections during {@code seconds}. */
  private static double bulk(NetClient client, int port, int seconds, int connections) throws Exception {
    LongAdder received = new LongAdder();
    List<NetSocket> sockets = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      NetSocket s = client.connect(port, "127.0.0.1").await(10, TimeUnit.SECONDS);
      sockets.add(s);
      long[] inFlight = {0};
      Runnable fill = () -> {
        synchronized (inFlight) {
          while (inFlight[0] < WINDOW && !s.writeQueueFull()) {
            s.write(DATA);
            inFlight[0] += CHUNK;
          }
        }
      };
      s.handler(b -> {
        received.add(b.length());
        synchronized (inFlight) {
          inFlight[0] -= b.length();
        }
        fill.run();
      });
      s.drainHandler(v -> fill.run());
      fill.run();
    }
    Stopwatch watch = Stopwatch.start();
    long before = received.sum();
    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
    long bytes = received.sum() - before;
    double elapsed = watch.seconds();
    for (NetSocket s : sockets) {
      s.close().await(10, TimeUnit.SECONDS);
    }
    return bytes / elapsed / (1 << 20);
  }

  /** Connections per second, each echoing 64 bytes, over {@code connections} loops during {@code seconds}. */
  private static double connects(NetClient client, int port, int seconds, int connections) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    Stopwatch watch = Stopwatch.start();
    List<Future<Long>> loops = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Promise<Long> done = Promise.promise();
      connectLoop(client, port, deadline, new long[1], done);
      loops.add(done.future());
    }
    long total = 0;
    for (Future<Long> f : loops) {
      total += f.await(seconds + 30L, TimeUnit.SECONDS);
    }
    return total / watch.seconds();
  }

  private static void connectLoop(NetClient client, int port, long deadline, long[] count, Promise<Long> done) {
    if (System.nanoTime() >= deadline) {
      done.complete(count[0]);
      return;
    }
    client.connect(port, "127.0.0.1").compose(s -> {
      Promise<Void> echoed = Promise.promise();
      int[] got = {0};
      s.handler(b -> {
        got[0] += b.length();
        if (got[0] >= SMALL.length()) {
          echoed.tryComplete();
        }
      });
      s.closeHandler(v -> echoed.tryFail("closed after " + got[0] + " bytes"));
      s.write(SMALL);
      return echoed.future().eventually(() -> s.close());
    }).onComplete(ar -> {
      if (ar.succeeded()) {
        count[0]++;
      }
      connectLoop(client, port, deadline, count, done);
    });
  }
}
