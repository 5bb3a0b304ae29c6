package io.silverback.core.typedef;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.typedef.AddressParse.Kind;
import io.silverback.core.typedef.AddressParse.Valid;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class AddressesTest {

  @Test
  void classifiesByColonCountAndDigits() {
    assertThat(Addresses.hostnameType("123.123.123.123")).isEqualTo(Kind.IPV4);
    assertThat(Addresses.hostnameType("1.2.3.4:80")).isEqualTo(Kind.IPV4);
    assertThat(Addresses.hostnameType("::1")).isEqualTo(Kind.IPV6);
    assertThat(Addresses.hostnameType("[2345::6789]:80")).isEqualTo(Kind.IPV6);
    assertThat(Addresses.hostnameType("some::thing")).isEqualTo(Kind.IPV6);
    assertThat(Addresses.hostnameType("localhost:80")).isEqualTo(Kind.NAME);
  }

  @Test
  void normalizesIpv4WithoutLeadingZeros() {
    assertThat(Addresses.normalizeIp("001.001.001.001:00080"))
        .isEqualTo(new Valid(Kind.IPV4, "1.1.1.1", OptionalInt.of(80)));
  }

  @Test
  void expandsIpv6ToEightLowerCaseGroups() {
    assertThat(Addresses.normalizeIp("[::1]:80")).isEqualTo(new Valid(Kind.IPV6,
        "0000:0000:0000:0000:0000:0000:0000:0001", OptionalInt.of(80)));
    assertThat(Addresses.normalizeIp("FE80::A")).isEqualTo(new Valid(Kind.IPV6,
        "fe80:0000:0000:0000:0000:0000:0000:000a", OptionalInt.empty()));
  }

  @Test
  void keepsNamesAsWritten() {
    assertThat(Addresses.normalizeIp("Mashape.test"))
        .isEqualTo(new Valid(Kind.NAME, "Mashape.test", OptionalInt.empty()));
  }
}
