package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which plugin configuration a real node applies: global, then service, then route (Kong's
 * lookup_cfg), told apart by the key name each key-auth configuration reads.
 */
class PluginPrecedenceProxyTest {
  @TempDir
  static Path dir;

  static EchoUpstream upstream;
  static ProxyNode node;

  @BeforeAll
  static void start() {
    upstream = EchoUpstream.start("echo");
    node = ProxyNode.start(dir, """
        _format_version: '3.0'
        consumers:
        - username: alice
          keyauth_credentials: [{key: alice-key}]
        plugins:
        - name: key-auth
          config: {key_names: [global-key]}
        services:
        - name: plain
          url: %s
          routes:
          - name: plain
            paths: [/plain]
        - name: scoped
          url: %s
          plugins:
          - name: key-auth
            config: {key_names: [service-key]}
          routes:
          - name: service-level
            paths: [/service]
          - name: route-level
            paths: [/route]
            plugins:
            - name: key-auth
              config: {key_names: [route-key]}
        """.formatted(upstream.url(), upstream.url()));
  }

  @AfterAll
  static void stop() {
    node.close();
    upstream.close();
  }

  private static int status(String path, String keyName) {
    HttpResponse<String> response = ProxyNode.send(node.request(path).header(keyName, "alice-key").build());
    return response.statusCode();
  }

  @Test
  void theGlobalConfigurationAppliesWhereNothingMoreSpecificIs() {
    assertThat(status("/plain", "global-key")).isEqualTo(200);
    assertThat(status("/plain", "service-key")).isEqualTo(401);
  }

  @Test
  void aServiceConfigurationBeatsTheGlobalOne() {
    assertThat(status("/service", "service-key")).isEqualTo(200);
    assertThat(status("/service", "global-key")).isEqualTo(401);
  }

  @Test
  void aRouteConfigurationBeatsTheServiceAndGlobalOnes() {
    assertThat(status("/route", "route-key")).isEqualTo(200);
    assertThat(status("/route", "service-key")).isEqualTo(401);
    assertThat(status("/route", "global-key")).isEqualTo(401);
  }
}
