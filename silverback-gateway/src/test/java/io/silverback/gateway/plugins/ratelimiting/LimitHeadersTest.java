package io.silverback.gateway.plugins.ratelimiting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitHeadersTest {
  private static final long NOW = Instant.parse("2024-03-17T13:45:20Z").toEpochMilli();

  private static Map<Period, Double> limits(double minute, double hour) {
    Map<Period, Double> m = new EnumMap<>(Period.class);
    m.put(Period.MINUTE, minute);
    m.put(Period.HOUR, hour);
    return m;
  }

  @Test
  void countsThisRequestAndReportsTheMostConstrainingWindow() {
    Map<String, String> h = LimitHeaders.of(limits(5, 100), Map.of(Period.MINUTE, 2L, Period.HOUR, 2L), null, NOW);

    assertThat(h).containsEntry("X-RateLimit-Limit-Minute", "5").containsEntry("X-RateLimit-Remaining-Minute", "2")
        .containsEntry("X-RateLimit-Limit-Hour", "100").containsEntry("X-RateLimit-Remaining-Hour", "97")
        .containsEntry("RateLimit-Limit", "5").containsEntry("RateLimit-Remaining", "2")
        .containsEntry("RateLimit-Reset", "40").doesNotContainKey("Retry-After");
  }

  @Test
  void prefersTheLongerWindowWhenRemainingTies() {
    Map<String, String> h = LimitHeaders.of(limits(5, 5), Map.of(), null, NOW);

    assertThat(h).containsEntry("RateLimit-Remaining", "4").containsEntry("RateLimit-Reset", "880");
  }

  @Test
  void aRefusedRequestGetsRetryAfterAndCountsOnlyInTheStoppingWindow() {
    Map<String, String> h = LimitHeaders.of(limits(5, 100), Map.of(Period.MINUTE, 5L, Period.HOUR, 7L),
        Period.MINUTE, NOW);

    assertThat(h).containsEntry("X-RateLimit-Remaining-Minute", "0").containsEntry("X-RateLimit-Remaining-Hour", "93")
        .containsEntry("RateLimit-Remaining", "0").containsEntry("Retry-After", "40");
  }

  @Test
  void printsFractionalLimitsAsLuaDoes() {
    assertThat(LimitHeaders.number(2.5)).isEqualTo("2.5");
    assertThat(LimitHeaders.number(3.0)).isEqualTo("3");
  }
}
