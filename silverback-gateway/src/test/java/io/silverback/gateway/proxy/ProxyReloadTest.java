package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Swapping the configuration under load loses no request: each exchange finishes on the snapshot it started with. */
class ProxyReloadTest {
  static final int SWAPS = 100;
  static final int CLIENTS = 4;

  @TempDir
  static Path dir;

  static EchoUpstream upstream;
  static ProxyNode node;

  @BeforeAll
  static void start() {
    upstream = EchoUpstream.start("steady");
    node = ProxyNode.start(dir, config(0));
  }

  @AfterAll
  static void stop() {
    node.close();
    upstream.close();
  }

  /** The steady route, plus a route that only generation {@code n} has. */
  static String config(int n) {
    return """
        _format_version: '3.0'
        services:
        - name: steady
          url: %1$s
          tags: [gen-%2$d]
          routes: [{name: steady, paths: [/steady]}]
        - name: gen-%2$d
          url: %1$s/gen
          routes: [{name: gen-%2$d, paths: [/gen-%2$d]}]
        """.formatted(upstream.url(), n);
  }

  /** Waits until a request completed after this point, so that requests overlap every swap. */
  private static void awaitMore(AtomicInteger served, int seen) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (served.get() <= seen && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
  }

  @Test
  void swapsTheConfiguration100TimesUnderLoadWithoutAFailedRequest() throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger served = new AtomicInteger();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      Thread t = new Thread(() -> {
        while (running.get()) {
          try {
            HttpResponse<String> r = node.get("/steady/ping");
            if (r.statusCode() == 200) {
              served.incrementAndGet();
            } else {
              failures.add(r.statusCode() + " " + r.body());
            }
          } catch (RuntimeException e) {
            failures.add(e.toString());
          }
        }
      });
      t.start();
      clients.add(t);
    }
    URI admin = URI.create("http://127.0.0.1:" + node.adminPort() + "/config");
    for (int n = 1; n <= SWAPS; n++) {
      HttpResponse<String> posted = ProxyNode.send(HttpRequest.newBuilder(admin).timeout(Duration.ofSeconds(20))
          .header("Content-Type", "application/x-yaml").POST(HttpRequest.BodyPublishers.ofString(config(n))).build());
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
      awaitMore(served, served.get());
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (node.get("/gen-" + SWAPS + "/x").statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    running.set(false);
    for (Thread t : clients) {
      t.join(20_000);
    }

    assertThat(failures).isEmpty();
    assertThat(served.get()).isGreaterThanOrEqualTo(SWAPS);
    assertThat(node.get("/gen-" + SWAPS + "/x").statusCode()).isEqualTo(200);
    assertThat(node.get("/gen-1/x").statusCode()).isEqualTo(404);
  }
}
