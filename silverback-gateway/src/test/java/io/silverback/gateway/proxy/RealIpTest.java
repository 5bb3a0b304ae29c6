package io.silverback.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.typedef.IpRanges;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nginx's realip rules as {@link RealIp} applies them. */
class RealIpTest {
  private static final IpRanges TRUSTED = IpRanges.of(List.of("127.0.0.1", "10.0.0.0/8"));

  private static MultiMap xff(String value) {
    return HttpHeaders.headers().add("X-Forwarded-For", value);
  }

  @Test
  void withoutRecursionTheLastAddressIsTheClient() {
    RealIp realIp = new RealIp(TRUSTED, "X-Forwarded-For", false);
    assertThat(realIp.client("127.0.0.1", xff("203.0.113.9, 10.0.0.2")).ip()).isEqualTo("10.0.0.2");
  }

  @Test
  void withRecursionTrustedAddressesAreSkippedFromTheRight() {
    RealIp realIp = new RealIp(TRUSTED, "X-Forwarded-For", true);
    assertThat(realIp.client("127.0.0.1", xff("198.51.100.7, 203.0.113.9, 10.0.0.2")).ip()).isEqualTo("203.0.113.9");
    assertThat(realIp.client("127.0.0.1", xff("10.0.0.3, 10.0.0.2")).ip()).isEqualTo("10.0.0.3");
  }

  @Test
  void anUntrustedConnectionIsItsOwnClient() {
    RealIp.Client client = new RealIp(TRUSTED, "X-Forwarded-For", true).client("192.0.2.1", xff("203.0.113.9"));
    assertThat(client.ip()).isEqualTo("192.0.2.1");
    assertThat(client.trusted()).isFalse();
  }

  @Test
  void aValueThatIsNotAnAddressLeavesTheConnectionsAddress() {
    RealIp realIp = new RealIp(TRUSTED, "X-Real-IP", false);
    MultiMap headers = HttpHeaders.headers().add("X-Real-IP", "unknown");
    assertThat(realIp.client("127.0.0.1", headers).ip()).isEqualTo("127.0.0.1");
    assertThat(realIp.client("127.0.0.1", HttpHeaders.headers().add("X-Real-IP", "2001:db8::1")).ip())
        .isEqualTo("2001:db8::1");
  }

  @Test
  void proxyProtocolTakesTheSourceOfTheProxyHeaderFromATrustedPeerOnly() {
    RealIp realIp = new RealIp(TRUSTED, "proxy_protocol", false);
    assertThat(realIp.readsProxyProtocol()).isTrue();
    assertThat(new RealIp(TRUSTED, "X-Real-IP", false).readsProxyProtocol()).isFalse();
    assertThat(new RealIp(IpRanges.NONE, "proxy_protocol", false).readsProxyProtocol()).isFalse();
    assertThat(realIp.client("127.0.0.1", "192.168.0.1", xff("203.0.113.9")).ip()).isEqualTo("192.168.0.1");
    assertThat(realIp.client("127.0.0.1", null, xff("203.0.113.9")).ip()).isEqualTo("127.0.0.1");
    assertThat(realIp.client("192.0.2.1", "192.168.0.1", xff("203.0.113.9")).ip()).isEqualTo("192.0.2.1");
  }
}
