package io.silverback.gateway.plugins.iprestriction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.typedef.IpRanges;
import io.silverback.gateway.plugins.testing.PluginConfigs;
import io.silverback.gateway.plugin.testing.TestExchange;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpRestrictionHandlerTest {
  private final IpRestrictionHandler handler = new IpRestrictionHandler();

  private TestExchange from(String ip, JsonNode config) {
    TestExchange ex = new TestExchange(null).clientIp(ip);
    handler.access(ex, config);
    return ex;
  }

  @Test
  void matchesIpv4AndIpv6CidrRanges() {
    IpRanges ranges = IpRanges.of(List.of("10.0.0.0/8", "192.168.1.7", "2001:db8::/33", "172.16.0.0/13"));

    assertThat(ranges.contains("10.200.3.4")).isTrue();
    assertThat(ranges.contains("11.0.0.1")).isFalse();
    assertThat(ranges.contains("192.168.1.7")).isTrue();
    assertThat(ranges.contains("192.168.1.8")).isFalse();
    assertThat(ranges.contains("2001:db8:7fff::1")).isTrue();
    assertThat(ranges.contains("2001:db8:8000::1")).isFalse();
    assertThat(ranges.contains("172.23.255.255")).isTrue();
    assertThat(ranges.contains("172.24.0.0")).isFalse();
    assertThat(ranges.contains("::ffff:10.1.1.1")).as("IPv4-mapped").isTrue();
    assertThat(ranges.contains("not-an-ip")).isFalse();
  }

  @Test
  void deniesListedClientsWithKongsMessage() {
    TestExchange ex = from("10.1.2.3", PluginConfigs.config("ip-restriction", "{\"deny\":[\"10.0.0.0/8\"]}"));

    assertThat(ex.status()).isEqualTo(403);
    assertThat(ex.exitBody().toString()).isEqualTo("{\"message\":\"IP address not allowed: 10.1.2.3\"}");
  }

  @Test
  void allowsOnlyListedClientsAndDenyWins() {
    JsonNode config = PluginConfigs.config("ip-restriction",
        "{\"allow\":[\"10.0.0.0/8\"],\"deny\":[\"10.0.0.5\"],\"status\":401,\"message\":\"go away\"}");

    assertThat(from("10.0.0.4", config).exited()).isFalse();
    TestExchange denied = from("10.0.0.5", config);
    assertThat(denied.status()).isEqualTo(401);
    assertThat(denied.exitBody().toString()).contains("go away");
    assertThat(from("::1", config).exited()).isTrue();
  }
}
