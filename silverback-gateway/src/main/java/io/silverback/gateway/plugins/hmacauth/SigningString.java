package io.silverback.gateway.plugins.hmacauth;

import io.silverback.gateway.plugin.ProxyExchange;
import io.vertx.core.http.HttpVersion;
import java.util.List;
import java.util.Locale;

/**
 * The text an hmac-auth client signs, as access.lua's {@code create_hash}: one line per listed
 * header, {@code name: value}; {@code @request-target} is the lower-case method and the path with
 * query; {@code request-line} is {@code METHOD /path?query HTTP/1.1}; a header the request lacks is
 * {@code name:}.
 */
final class SigningString {
  private SigningString() {}

  static String of(ProxyExchange ex, List<String> headers) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      String header = headers.get(i);
      String value = ex.requestHeaders().get(header);
      if (value != null) {
        out.append(header).append(": ").append(value);
      } else if (header.equals("@request-target")) {
        out.append(header).append(": ").append(ex.requestMethod().toLowerCase(Locale.ROOT)).append(' ')
            .append(ex.requestUri());
      } else if (header.equals("request-line")) {
        out.append(ex.requestMethod()).append(' ').append(ex.requestUri()).append(" HTTP/")
            .append(version(ex.requestVersion()));
      } else {
        out.append(header).append(':');
      }
      if (i < headers.size() - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  /** Kong's {@code %.01f} of the HTTP version. */
  private static String version(HttpVersion v) {
    return switch (v) {
      case HTTP_1_0 -> "1.0";
      case HTTP_2 -> "2.0";
      default -> "1.1";
    };
  }
}
