package io.silverback.gateway.plugins.hmacauth;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * HTTP dates as nginx's {@code ngx_parse_http_time} reads them: RFC 1123 ({@code Sun, 06 Nov 1994
 * 08:49:37 GMT}), RFC 850 ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and asctime ({@code Sun Nov  6
 * 08:49:37 1994}), all in GMT.
 */
final class HttpDates {
  private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
      .appendPattern("EEEE, dd-MMM-")
      .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
      .appendPattern(" HH:mm:ss 'GMT'")
      .toFormatter(Locale.US);
  private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder()
      .appendPattern("EEE MMM")
      .appendLiteral(' ')
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendPattern("d HH:mm:ss yyyy")
      .toFormatter(Locale.US);

  private HttpDates() {}

  /** The epoch second of {@code date}, or null when it is none of the three forms. */
  static Long epochSecond(String date) {
    try {
      return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
    } catch (DateTimeParseException e) {
      // not RFC 1123; try the older forms
    }
    for (DateTimeFormatter f : new DateTimeFormatter[] {RFC_850, ASCTIME}) {
      try {
        return LocalDateTime.parse(date, f).toEpochSecond(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return null;
  }
}
