package io.silverback.core.typedef;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IpsTest {

  static Stream<Arguments> ipCases() {
    return CaseFile.load("ip.txt", 2);
  }

  static Stream<Arguments> ipOrCidrCases() {
    return CaseFile.load("ip_or_cidr.txt", 2);
  }

  static Stream<Arguments> cidrV4Cases() {
    return CaseFile.load("cidr_v4.txt", 2);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("ipCases")
  void ipMatchesKongTable(String line, String value, String expected) {
    assertThat(Ips.ip(value)).as(line).isEqualTo(CaseFile.expected(expected));
    assertThat(Ips.isValidIp(value)).as(line).isEqualTo(CaseFile.OK.equals(expected));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("ipOrCidrCases")
  void ipOrCidrMatchesKongTable(String line, String value, String expected) {
    assertThat(Ips.ipOrCidr(value)).as(line).isEqualTo(CaseFile.expected(expected));
    assertThat(Ips.isValidIpOrCidr(value)).as(line).isEqualTo(CaseFile.OK.equals(expected));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cidrV4Cases")
  void cidrV4MatchesKongTable(String line, String value, String expected) {
    assertThat(Ips.cidrV4(value)).as(line).isEqualTo(CaseFile.expected(expected));
    assertThat(Ips.isValidIpOrCidrV4(value)).as(line).isEqualTo(CaseFile.OK.equals(expected));
  }

  @Test
  void separatesAddressFamilies() {
    assertThat(Ips.isValidIpv4("10.0.0.1")).isTrue();
    assertThat(Ips.isValidIpv4("::1")).isFalse();
    assertThat(Ips.isValidIpv6("::1")).isTrue();
    assertThat(Ips.isValidIpv6("10.0.0.1")).isFalse();
    assertThat(Ips.isValidCidrV6("::/0")).isTrue();
    assertThat(Ips.isValidCidrV6("0.0.0.0/0")).isFalse();
    assertThat(Ips.isValidIpOrCidrV6("fe80::/10")).isTrue();
    assertThat(Ips.isValidCidr("10.0.0.0/8")).isTrue();
  }

  @Test
  void ignoresEverythingAfterNulLikeTheCApi() {
    assertThat(Ips.isValidIp("1.2.3.4\0junk")).isTrue();
  }
}
