package io.silverback.core.typedef;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HostsTest {

  static Stream<Arguments> hostCases() {
    return CaseFile.load("host.txt", 2);
  }

  static Stream<Arguments> hostWithOptionalPortCases() {
    return CaseFile.load("host_with_optional_port.txt", 2);
  }

  static Stream<Arguments> sniCases() {
    return CaseFile.load("sni.txt", 2);
  }

  static Stream<Arguments> wildcardHostCases() {
    return CaseFile.load("wildcard_host.txt", 2);
  }

  static Stream<Arguments> routeHostCases() {
    return CaseFile.load("route_host.txt", 2);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("hostCases")
  void hostMatchesKongTable(String line, String value, String expected) {
    assertThat(Hosts.host(value)).as(line).isEqualTo(CaseFile.expected(expected));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("hostWithOptionalPortCases")
  void hostWithOptionalPortMatchesKongTable(String line, String value, String expected) {
    assertThat(Hosts.hostWithOptionalPort(value)).as(line).isEqualTo(CaseFile.expected(expected));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("sniCases")
  void sniMatchesKongTable(String line, String value, String expected) {
    assertThat(Hosts.sni(value)).as(line).isEqualTo(CaseFile.expected(expected));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("wildcardHostCases")
  void wildcardHostMatchesKongTable(String line, String value, String expected) {
    assertThat(Hosts.wildcardHost(value)).as(line).isEqualTo(CaseFile.expected(expected));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("routeHostCases")
  void routeHostMatchesKongTable(String line, String value, String expected) {
    assertThat(Hosts.routeHost(value)).as(line).isEqualTo(CaseFile.expected(expected));
  }

  @Test
  void rejectsPortInPlainHost() {
    assertThat(Hosts.host("example.com:8000")).contains("must not have a port");
  }

  @Test
  void treatsBracketedIpv6WithEmptyPortAsMalformedWhereKongCrashes() {
    // Kong compares nil with a number here and fails with a Lua error.
    assertThat(Hosts.hostWithOptionalPort("[::1]:")).contains("invalid ipv6 address");
  }

  @Test
  void classifiesUpstreamNamesInKongsOrder() {
    assertThat(Hosts.classify("my upstream")).contains(Hosts.Kind.INVALID);
    assertThat(Hosts.classify("10.0.0.1")).contains(Hosts.Kind.IP);
    assertThat(Hosts.classify("[::1]:80")).contains(Hosts.Kind.IP);
    assertThat(Hosts.classify("service.test:80")).contains(Hosts.Kind.NAME_WITH_PORT);
    assertThat(Hosts.classify("service.test:99999")).contains(Hosts.Kind.INVALID);
    assertThat(Hosts.classify("service.test")).contains(Hosts.Kind.NAME);
  }

  @Test
  void formatsTargetsWithNormalizedHostAndDefaultPort() {
    assertThat(Hosts.withDefaultPort("001.002.003.004", 8000)).isEqualTo("1.2.3.4:8000");
    assertThat(Hosts.withDefaultPort("::1", 8000))
        .isEqualTo("[0000:0000:0000:0000:0000:0000:0000:0001]:8000");
    assertThat(Hosts.withDefaultPort("[::1]:80", 8000))
        .isEqualTo("[0000:0000:0000:0000:0000:0000:0000:0001]:80");
    assertThat(Hosts.withDefaultPort("Example.test:81", 8000)).isEqualTo("Example.test:81");
    assertThat(Hosts.withDefaultPort("bad host", 8000)).isEqualTo("bad host");
  }

  @Test
  void acceptsTargetsThatNormalizeIpAccepts() {
    assertThat(Hosts.isValidHostOrIp("example.test:8080")).isTrue();
    assertThat(Hosts.isValidHostOrIp("[::1]:8080")).isTrue();
    assertThat(Hosts.isValidHostOrIp("1.2.3.4:99999")).isFalse();
    assertThat(Hosts.isValidHostOrIp("not a host")).isFalse();
  }

  @Test
  void rejectsEmptyHostAsInvalidValue() {
    assertThat(Hosts.host("")).contains("invalid value: ");
  }
}
