package io.silverback.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DerTest {

  @ParameterizedTest
  @ValueSource(strings = {"1.2.840.113549.1.1.1", "1.3.101.112", "2.999.3", "1.2.840.10045.3.1.7"})
  void readsBackTheObjectIdentifiersItWrites(String oid) {
    assertThat(Der.parse(Der.oid(oid)).oid()).isEqualTo(oid);
  }

  @Test
  void encodesRsaEncryptionLikeOpenSsl() {
    assertThat(Der.oid("1.2.840.113549.1.1.1"))
        .containsExactly(0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01);
  }

  @Test
  void usesLongFormLengthsAbove127Bytes() {
    var encoded = Der.encode(Der.OCTET_STRING, new byte[300]);

    assertThat(encoded).startsWith(0x04, 0x82, 0x01, 0x2c);
    assertThat(Der.parse(encoded).content()).hasSize(300);
  }

  @Test
  void walksTheChildrenOfASequence() {
    var sequence = Der.sequence(Der.integer(BigInteger.TEN), Der.oid("1.3.101.112"));

    var children = Der.parse(sequence).children();

    assertThat(children).hasSize(2);
    assertThat(children.get(0).integer()).isEqualTo(BigInteger.TEN);
    assertThat(children.get(1).oid()).isEqualTo("1.3.101.112");
  }

  @Test
  void rejectsIndefiniteLengths() {
    assertThatThrownBy(() -> Der.parse(new byte[] {0x30, (byte) 0x80, 0x00, 0x00}))
        .isInstanceOf(PemException.class)
        .hasMessage("malformed DER: indefinite length is not DER");
  }

  @Test
  void rejectsValuesThatRunPastTheirContainer() {
    assertThatThrownBy(() -> Der.parse(new byte[] {0x04, 0x05, 0x01}))
        .hasMessage("malformed DER: value runs past the end of its container");
  }

  @Test
  void rejectsTrailingBytes() {
    assertThatThrownBy(() -> Der.parse(new byte[] {0x05, 0x00, 0x00}))
        .hasMessage("malformed DER: 1 trailing bytes");
  }

  @Test
  void rejectsAnUnexpectedTag() {
    assertThatThrownBy(() -> Der.parse(Der.encode(Der.NULL)).integer())
        .extracting(e -> ((PemException) e).problem())
        .isEqualTo(PemException.Problem.MALFORMED);
  }
}
