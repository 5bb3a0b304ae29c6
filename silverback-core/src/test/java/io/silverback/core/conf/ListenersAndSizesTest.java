package io.silverback.core.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListenersAndSizesTest {
  private static NodeConf with(String key, String value) {
    return NodeConf.load(Optional.empty(), Map.of(), Map.of(key, value));
  }

  @Test
  void defaultsAreKongsListenersAndTenMegabyteAdminBodies() {
    NodeConf conf = NodeConf.defaults();
    assertThat(conf.listeners("proxy_listen")).containsExactly(new Listener("0.0.0.0", 8000, Set.of()),
        new Listener("0.0.0.0", 8443, Set.of("http2", "ssl")));
    assertThat(conf.listeners("admin_listen")).containsExactly(new Listener("127.0.0.1", 8001, Set.of()));
    assertThat(conf.size("admin_body_size")).isEqualTo(10L << 20);
    assertThat(conf.get("admin_token")).isEmpty();
    assertThat(conf.get("declarative_config_string")).isEmpty();
  }

  @Test
  void parsesCommaSeparatedAddressesWithKongsFlagsAndBracketedIpv6() {
    NodeConf conf = with("proxy_listen", "0.0.0.0:8000 reuseport backlog=16384, [::1]:8443 http2 ssl,localhost:80");
    assertThat(conf.listeners("proxy_listen")).extracting(Listener::toString)
        .containsExactly("0.0.0.0:8000", "[::1]:8443", "localhost:80");
    assertThat(conf.listeners("proxy_listen").get(1).ssl()).isTrue();
    assertThat(conf.listeners("proxy_listen").get(1).host()).isEqualTo("::1");
    assertThat(conf.listeners("proxy_listen").get(0).connectHost()).isEqualTo("127.0.0.1");
  }

  @Test
  void offMeansNoListener() {
    assertThat(with("admin_listen", "off").listeners("admin_listen")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"8000", "0.0.0.0", "0.0.0.0:80000", "127.0.0.1:8001 tls", "127.0.0.1:8001,", ""})
  void refusesWhatIsNotKongsListenSyntaxWithKongsUsage(String value) {
    assertThatThrownBy(() -> with("admin_listen", value))
        .isInstanceOf(ConfException.class)
        .hasMessageStartingWith("admin_listen has an invalid value: '" + value + "' (must be of form: [off] | <ip>:<port>")
        .hasMessageEndingWith("from flag --admin-listen");
  }

  @Test
  void streamListenIsOffByDefaultAndTakesKongsStreamFlags() {
    assertThat(NodeConf.defaults().listeners("stream_listen")).isEmpty();
    NodeConf conf = with("stream_listen", "127.0.0.1:7000 reuseport backlog=16384, [::1]:7443 ssl proxy_protocol");
    assertThat(conf.listeners("stream_listen")).containsExactly(
        new Listener("127.0.0.1", 7000, Set.of("reuseport", "backlog=16384")),
        new Listener("::1", 7443, Set.of("ssl", "proxy_protocol")));
  }

  @Test
  void streamListenRefusesHttpFlagsWithItsOwnUsage() {
    assertThatThrownBy(() -> with("stream_listen", "127.0.0.1:7000 http2"))
        .isInstanceOf(ConfException.class)
        .hasMessageContaining("stream_listen has an invalid value: '127.0.0.1:7000 http2' (must be of form: [off]"
            + " | <ip>:<port> [ssl] [proxy_protocol] [udp]");
  }

  @Test
  void udpStreamListenersAreRefusedByName() {
    assertThatThrownBy(() -> with("stream_listen", "127.0.0.1:7000, 127.0.0.1:53 udp"))
        .isInstanceOf(ConfException.class)
        .hasMessageContaining("udp listeners are not supported (127.0.0.1:53 udp)");
  }

  @Test
  void proxyListenStillRefusesTheUdpFlag() {
    assertThatThrownBy(() -> with("proxy_listen", "127.0.0.1:8000 udp"))
        .hasMessageContaining("proxy_listen has an invalid value");
  }

  @Test
  void sizesTakeKilobyteAndMegabyteSuffixes() {
    assertThat(with("admin_body_size", "512").size("admin_body_size")).isEqualTo(512);
    assertThat(with("admin_body_size", "8k").size("admin_body_size")).isEqualTo(8192);
    assertThat(with("admin_body_size", "2M").size("admin_body_size")).isEqualTo(2L << 20);
    assertThatThrownBy(() -> with("admin_body_size", "10 mb"))
        .hasMessageContaining("admin_body_size has an invalid value: '10 mb'");
  }

  @Test
  void adminTokenIsASecretLikePasswords() {
    NodeConf conf = NodeConf.load(Optional.empty(), Map.of("SILVERBACK_ADMIN_TOKEN", "s3cret"), Map.of());
    assertThat(NodeConf.isSecret("admin_token")).isTrue();
    assertThat(NodeConf.isSecret("ssl_cert_key")).isTrue();
    assertThat(NodeConf.isSecret("admin_ssl_cert_key")).isTrue();
    assertThat(NodeConf.isSecret("ssl_cert")).isFalse();
    assertThat(conf.get("admin_token")).isEqualTo("s3cret");
    assertThat(conf.render()).doesNotContain("s3cret").contains("admin_token = ******");
    assertThat(conf.toString()).doesNotContain("s3cret");
  }
}
