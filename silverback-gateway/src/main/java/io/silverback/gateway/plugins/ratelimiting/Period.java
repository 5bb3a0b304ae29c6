package io.silverback.gateway.plugins.ratelimiting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
  private final String limitHeader;
  private final String remainingHeader;
  private final long expirationSeconds;

  Period(String field, String title, long expirationSeconds) {
    this.field = field;
    this.limitHeader = "X-RateLimit-Limit-" + title;
    this.remainingHeader = "X-RateLimit-Remaining-" + title;
    this.expirationSeconds = expirationSeconds;
  }

  /** The config field and key part: {@code minute}. */
  String field() {
    return field;
  }

  /** {@code X-RateLimit-Limit-Minute}. */
  String limitHeader() {
    return limitHeader;
  }

  /** {@code X-RateLimit-Remaining-Minute}. */
  String remainingHeader() {
    return remainingHeader;
  }

  /** Kong's {@code EXPIRATION[period]}. */
  long expirationSeconds() {
    return expirationSeconds;
  }

  /** The start of the window holding {@code epochMillis}, in epoch milliseconds (UTC). */
  long start(long epochMillis) {
    if (this == MONTH || this == YEAR) {
      LocalDate day = Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
      LocalDate first = this == MONTH ? day.withDayOfMonth(1) : day.withDayOfYear(1);
      return first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
    // seconds to days have a fixed length, and epoch time has no leap seconds: arithmetic is the UTC calendar
    long length = expirationSeconds * 1000;
    return Math.floorDiv(epochMillis, length) * length;
  }

}
