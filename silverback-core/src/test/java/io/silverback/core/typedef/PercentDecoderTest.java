package io.silverback.core.typedef;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentDecoderTest {

  @Test
  void returnsSameInstanceWhenNoTripletChanges() {
    String path = "/already%2Fnormal/%25";
    assertThat(PercentDecoder.decode(path, value -> PercentDecoder.upperTriplet(value)))
        .isSameAs(path);
  }

  @Test
  void assemblesDecodedBytesAsUtf8() {
    assertThat(PercentDecoder.decode("/%E2%82%AC%41", value -> null)).isEqualTo("/€A");
  }

  @Test
  void replacesInvalidUtf8WithReplacementCharacter() {
    assertThat(PercentDecoder.decode("/%FF%C3", value -> null)).isEqualTo("/\uFFFD\uFFFD");
  }

  @Test
  void decodesHexInEitherCaseAndKeepsWhatThePolicyKeeps() {
    assertThat(PercentDecoder.decode("%2f%6B%zz", value -> value == '/' ? "%2F" : null))
        .isEqualTo("%2Fk%zz");
  }
}
