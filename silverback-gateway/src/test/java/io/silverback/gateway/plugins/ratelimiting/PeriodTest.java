package io.silverback.gateway.plugins.ratelimiting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PeriodTest {
  private static final long NOW = Instant.parse("2024-03-17T13:45:27.600Z").toEpochMilli();

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void windowsStartAtTheCalendarBoundariesInUtc() {
    assertThat(Period.SECOND.start(NOW)).isEqualTo(at("2024-03-17T13:45:27Z"));
    assertThat(Period.MINUTE.start(NOW)).isEqualTo(at("2024-03-17T13:45:00Z"));
    assertThat(Period.HOUR.start(NOW)).isEqualTo(at("2024-03-17T13:00:00Z"));
    assertThat(Period.DAY.start(NOW)).isEqualTo(at("2024-03-17T00:00:00Z"));
    assertThat(Period.MONTH.start(NOW)).isEqualTo(at("2024-03-01T00:00:00Z"));
    assertThat(Period.YEAR.start(NOW)).isEqualTo(at("2024-01-01T00:00:00Z"));
  }

  @Test
  void namesTheHeadersAsKongDoes() {
    assertThat(Period.MINUTE.limitHeader()).isEqualTo("X-RateLimit-Limit-Minute");
    assertThat(Period.YEAR.remainingHeader()).isEqualTo("X-RateLimit-Remaining-Year");
    assertThat(Period.MONTH.expirationSeconds()).isEqualTo(2592000);
  }
}
