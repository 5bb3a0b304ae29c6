package io.silverback.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OffsetsTest {
  @ParameterizedTest
  @ValueSource(strings = {"6f1c1c9e-21a5-4c0b-9d3e-8a4b7c2d1e0f", "cluster_id", "", "ünïcødé \"quoted\" \\ key"})
  void decodesTheKeyItEncoded(String key) {
    assertThat(Offsets.decode(Offsets.encode(key))).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(strings = {"6f1c1c9e-21a5-4c0b-9d3e-8a4b7c2d1e0f", "ÿÿÿ>>>???"})
  void encodesInUnpaddedBase64UrlSoOffsetsNeedNoEscapingInAQueryString(String key) {
    assertThat(Offsets.encode(key)).matches("[A-Za-z0-9_-]+");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not base64!", "abc+/def", "a"})
  void refusesWhatIsNotBase64Url(String offset) {
    assertInvalid(offset, "bad base64 encoding");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not json", "[\"k\", \"0\"] trailing", "\u0000\u00ff"})
  void refusesAPayloadThatIsNotJson(String payload) {
    assertInvalid(base64(payload), "bad json encoding");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "[]", "[\"key\"]", "[1, 2]", "[\"key\", \"00000000\", 3]"})
  void refusesAJsonPayloadOfTheWrongShape(String payload) {
    assertInvalid(base64(payload), "bad offset string");
  }

  @ParameterizedTest
  @ValueSource(strings = {"6f1c1c9e-21a5-4c0b-9d3e-8a4b7c2d1e0f", "x"})
  void refusesAKeyEditedWithoutItsChecksum(String key) {
    String payload = new String(Base64.getUrlDecoder().decode(Offsets.encode(key)), StandardCharsets.UTF_8);
    String edited = payload.replaceFirst("^\\[\"(.)", "[\"0$1");
    assertInvalid(base64(edited), "bad offset string");
  }

  private static void assertInvalid(String offset, String why) {
    assertThatThrownBy(() -> Offsets.decode(offset)).isInstanceOfSatisfying(StoreException.class, e -> {
      assertThat(e.error()).isEqualTo(KongError.INVALID_OFFSET);
      assertThat(e.getMessage()).isEqualTo("'" + offset + "' is not a valid offset: " + why);
    });
  }

  private static String base64(String payload) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
  }
}
