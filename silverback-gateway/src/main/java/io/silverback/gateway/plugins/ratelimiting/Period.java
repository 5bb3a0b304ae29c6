package io.silverback.gateway.plugins.ratelimiting;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Kong's rate-limiting windows: fixed calendar windows in UTC (kong/tools/timestamp.lua), each
 * with the lifetime its counter gets (kong/plugins/rate-limiting/expiration.lua; a month is 30
 * days there, whatever the calendar says).
 */
enum Period {
  SECOND("second", "Second", 1),
  MINUTE("minute", "Minute", 60),
  HOUR("hour", "Hour", 3600),
  DAY("day", "Day", 86400),
  MONTH("month", "Month", 2592000),
  YEAR("year", "Year", 31536000);

  static final List<Period> ALL = List.of(values());

  private final String field;
  private final String title;
  private final long expirationSeconds;

  Period(String field, String title, long expirationSeconds) {
    this.field = field;
    this.title = title;
    this.expirationSeconds = expirationSeconds;
  }

  /** The config field and key part: {@code minute}. */
  String field() {
    return field;
  }

  /** {@code X-RateLimit-Limit-Minute}. */
  String limitHeader() {
    return "X-RateLimit-Limit-" + title;
  }

  /** {@code X-RateLimit-Remaining-Minute}. */
  String remainingHeader() {
    return "X-RateLimit-Remaining-" + title;
  }

  /** Kong's {@code EXPIRATION[period]}. */
  long expirationSeconds() {
    return expirationSeconds;
  }

  /** The start of the window holding {@code epochMillis}, in epoch milliseconds (UTC). */
  long start(long epochMillis) {
    ZonedDateTime t = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    ZonedDateTime start = switch (this) {
      case SECOND -> t;
      case MINUTE -> t.truncatedTo(ChronoUnit.MINUTES);
      case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
      case DAY -> t.truncatedTo(ChronoUnit.DAYS);
      case MONTH -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      case YEAR -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
    };
    return start.toInstant().toEpochMilli();
  }
}
