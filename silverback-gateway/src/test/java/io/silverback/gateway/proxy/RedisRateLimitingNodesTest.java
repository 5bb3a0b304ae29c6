package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two DB-less nodes whose rate-limiting plugins share one counter in the real Redis at 127.0.0.1:6379. */
class RedisRateLimitingNodesTest {
  @TempDir
  Path dir;

  private static void assumeRedis() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 6379), 500);
    } catch (IOException e) {
      assumeTrue(false, "Redis is not reachable at 127.0.0.1:6379 (" + e.getMessage() + ")");
    }
  }

  @Test
  void twoNodesShareTheLimit() throws IOException {
    assumeRedis();
    String tenant = UUID.randomUUID().toString();
    try (EchoUpstream upstream = EchoUpstream.start("up")) {
      String config = """
          _format_version: '3.0'
          services:
          - name: svc
            url: %s
            routes:
            - name: limited
              paths: [/]
              plugins:
              - name: rate-limiting
                config:
                  hour: 3
                  policy: redis
                  limit_by: header
                  header_name: x-tenant
                  redis: {host: 127.0.0.1, port: 6379}
          """.formatted(upstream.url());
      try (ProxyNode a = ProxyNode.start(Files.createDirectories(dir.resolve("a")), config);
          ProxyNode b = ProxyNode.start(Files.createDirectories(dir.resolve("b")), config)) {
        assertThat(send(a, tenant).statusCode()).isEqualTo(200);
        assertThat(send(b, tenant).headers().firstValue("X-RateLimit-Remaining-Hour")).hasValue("1");
        assertThat(send(a, tenant).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = send(b, tenant);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(send(a, UUID.randomUUID().toString()).statusCode()).as("another tenant").isEqualTo(200);
      }
    }
  }

  private static HttpResponse<String> send(ProxyNode node, String tenant) {
    return ProxyNode.send(node.request("/").header("X-Tenant", tenant).build());
  }
}
