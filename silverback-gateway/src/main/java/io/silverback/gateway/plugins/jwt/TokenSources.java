package io.silverback.gateway.plugins.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.gateway.plugin.ProxyExchange;
import io.silverback.gateway.plugins.auth.QueryArgs;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tokens a request carries, as jwt/handler.lua's {@code retrieve_tokens}: every non-empty
 * value of the {@code uri_param_names} query arguments, the first cookie of each {@code
 * cookie_names}, and the {@code Bearer} token of the first value of each {@code header_names}.
 * Duplicates count once. A query argument without a value is a null token (Lua's {@code true},
 * which Kong calls unrecognizable).
 */
final class TokenSources {
  private static final Pattern BEARER = Pattern.compile("\\s*[Bb]earer\\s+(.+)");

  private TokenSources() {}

  static Set<String> tokens(ProxyExchange ex, JsonNode config) {
    Set<String> tokens = new LinkedHashSet<>();
    QueryArgs query = QueryArgs.parse(ex.requestQuery());
    for (JsonNode name : config.path("uri_param_names")) {
      for (String v : query.all(name.asText())) {
        if (v == null || !v.isEmpty()) {
          tokens.add(v);
        }
      }
    }
    for (JsonNode name : config.path("cookie_names")) {
      String cookie = cookie(ex, name.asText());
      if (cookie != null && !cookie.isEmpty()) {
        tokens.add(cookie);
      }
    }
    for (JsonNode name : config.path("header_names")) {
      String value = ex.requestHeaders().get(name.asText());
      if (value != null) {
        Matcher m = BEARER.matcher(value);
        if (m.find() && !m.group(1).isEmpty()) {
          tokens.add(m.group(1));
        }
      }
    }
    return tokens;
  }

  /** nginx's {@code $cookie_<name>}: the first cookie of that name in the {@code Cookie} headers. */
  static String cookie(ProxyExchange ex, String name) {
    for (String header : ex.requestHeaders().getAll("Cookie")) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
          return pair.substring(eq + 1).trim();
        }
      }
    }
    return null;
  }
}
