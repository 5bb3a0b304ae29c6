package io.silverback.gateway.plugins.hmacauth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpDatesTest {
  private static final long NOV_6_1994 = 784111777L;

  @ParameterizedTest
  @ValueSource(strings = {"Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"})
  void readsTheThreeFormsNginxReads(String date) {
    assertThat(HttpDates.epochSecond(date)).isEqualTo(NOV_6_1994);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yesterday", "1994-11-06T08:49:37Z", "Sun, 06 Nov 1994"})
  void anythingElseIsNoDate(String date) {
    assertThat(HttpDates.epochSecond(date)).isNull();
  }
}
