package io.silverback.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VaultReferenceTest {

  @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{vault://env/cert}|true",
        "{vault://aws/tls/key?region=eu-west-1#2}|true",
        "{vault://}|true",
        "{vault:/env/cert}|false",
        "vault://env/cert|false",
        "{vault://env/cert|false",
        "' {vault://env/cert}'|false",
        "{VAULT://env/cert}|false",
        "-----BEGIN CERTIFICATE-----|false",
      })
  void recognizesReferencesByKongsPrefixAndSuffixRule(String value, boolean reference) {
    assertThat(VaultReference.is(value)).isEqualTo(reference);
  }

  @Test
  void doesNotTakeNullForAReference() {
    assertThat(VaultReference.is(null)).isFalse();
  }
}
