package io.silverback.core.router;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One entry of a route's {@code headers}: compat's {@code any(lower(http.headers.name)) == "v"}
 * OR-ed over the values, where a value starting with {@code ~*} is a regex searched anywhere in
 * the value. Both sides are lower-cased (the regex too, as Kong does), and dashes and underscores in
 * the name are the same.
 */
final class HeaderCondition {
  private final String name;
  private final List<String> values;
  private final List<Pattern> regexes;

  private HeaderCondition(String name, List<String> values, List<Pattern> regexes) {
    this.name = name;
    this.values = values;
    this.regexes = regexes;
  }

  /**
   * Compiles one header entry.
   *
   * @throws RouterException when a {@code ~*} value is not a valid regex
   */
  static HeaderCondition of(String routeId, String name, JsonNode wanted) {
    List<String> values = new ArrayList<>();
    List<Pattern> regexes = new ArrayList<>();
    for (JsonNode v : wanted) {
      String text = v.asText().toLowerCase(Locale.ROOT);
      if (text.startsWith("~*")) {
        try {
          regexes.add(Pattern.compile(text.substring(2)));
        } catch (PatternSyntaxException e) {
          throw new RouterException("route " + routeId + ": header " + name + " has an invalid regex '"
              + text.substring(2) + "': " + e.getDescription(), e);
        }
      } else {
        values.add(text);
      }
    }
    return new HeaderCondition(name.toLowerCase(Locale.ROOT).replace('_', '-'), List.copyOf(values),
        List.copyOf(regexes));
  }

  /** The lower-case, dashed header name. */
  String name() {
    return name;
  }

  /** Whether any value of the request's header matches any wanted value. */
  boolean matches(Function<String, List<String>> headers) {
    List<String> got = headers.apply(name);
    if (got == null) {
      return false;
    }
    for (int i = 0; i < got.size(); i++) {
      String value = got.get(i).toLowerCase(Locale.ROOT);
      if (values.contains(value)) {
        return true;
      }
      for (int r = 0; r < regexes.size(); r++) {
        if (regexes.get(r).matcher(value).find()) {
          return true;
        }
      }
    }
    return false;
  }
}
