package io.silverback.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The validators of one field, run in Kong's {@code validators_order} (eq, ne, not_one_of,
 * one_of, gt, timestamp, uuid, between, len_eq, len_min, len_max, starts_with, not_match,
 * match_none, match, match_all, match_any, contains, custom_validator,
 * mutually_exclusive_subsets). The first failure wins, as in Kong.
 */
final class FieldRules {
  /** The result of a failed quiet check. */
  static final String FAILED = "failed";

  private FieldRules() {}

  record PatternRule(Pattern pattern, String message) {}

  record AnyRule(List<Pattern> patterns, String message) {}

  static Pattern pattern(String regex) {
    return Pattern.compile(regex);
  }

  /** The mutable declaration, frozen by copying into each built {@link Field}. */
  static final class Spec {
    JsonNode eq;
    JsonNode ne;
    List<?> notOneOf;
    List<?> oneOf;
    Double gt;
    double[] between;
    Integer lenEq;
    Integer lenMin;
    Integer lenMax;
    String startsWith;
    Pattern notMatch;
    List<PatternRule> matchNone = new ArrayList<>();
    Pattern match;
    List<PatternRule> matchAll = new ArrayList<>();
    AnyRule matchAny;
    String contains;
    Function<JsonNode, Optional<String>> custom;
    List<List<String>> exclusiveSubsets;

    Spec copy() {
      Spec s = new Spec();
      s.eq = eq;
      s.ne = ne;
      s.notOneOf = notOneOf;
      s.oneOf = oneOf;
      s.gt = gt;
      s.between = between;
      s.lenEq = lenEq;
      s.lenMin = lenMin;
      s.lenMax = lenMax;
      s.startsWith = startsWith;
      s.notMatch = notMatch;
      s.matchNone = new ArrayList<>(matchNone);
      s.match = match;
      s.matchAll = new ArrayList<>(matchAll);
      s.matchAny = matchAny;
      s.contains = contains;
      s.custom = custom;
      s.exclusiveSubsets = exclusiveSubsets;
      return s;
    }


    /**
     * Writes the validators under Kong's attribute names ({@code one_of}, {@code between},
     * {@code len_min}, ...), as {@code GET /schemas} shows them. Patterns are Java regexes, where
     * Kong shows Lua patterns; custom validators, being functions, are left out as Kong leaves
     * them out.
     */
    void describe(ObjectNode out) {
      putIf(out, "eq", eq);
      putIf(out, "ne", ne);
      if (oneOf != null) {
        out.set("one_of", Json.toNode(oneOf));
      }
      if (notOneOf != null) {
        out.set("not_one_of", Json.toNode(notOneOf));
      }
      if (gt != null) {
        out.set("gt", Json.toNode(gt));
      }
      if (between != null) {
        out.set("between", Json.array().add(Json.toNode(between[0])).add(Json.toNode(between[1])));
      }
      putIf(out, "len_eq", lenEq == null ? null : Json.toNode(lenEq));
      putIf(out, "len_min", lenMin == null ? null : Json.toNode(lenMin));
      putIf(out, "len_max", lenMax == null ? null : Json.toNode(lenMax));
      putIf(out, "starts_with", startsWith == null ? null : Json.toNode(startsWith));
      putIf(out, "match", match == null ? null : Json.toNode(match.pattern()));
      putIf(out, "not_match", notMatch == null ? null : Json.toNode(notMatch.pattern()));
      putIf(out, "contains", contains == null ? null : Json.toNode(contains));
      patterns(out, "match_none", matchNone);
      patterns(out, "match_all", matchAll);
      if (matchAny != null) {
        com.fasterxml.jackson.databind.node.ArrayNode ps = Json.array();
        matchAny.patterns().forEach(p -> ps.add(p.pattern()));
        out.putObject("match_any").put("err", matchAny.message()).set("patterns", ps);
      }
      if (exclusiveSubsets != null) {
        out.set("mutually_exclusive_subsets", Json.toNode(exclusiveSubsets));
      }
    }

    private static void putIf(ObjectNode out, String name, JsonNode value) {
      if (value != null) {
        out.set(name, value);
      }
    }

    private static void patterns(ObjectNode out, String name, List<PatternRule> rules) {
      if (!rules.isEmpty()) {
        com.fasterxml.jackson.databind.node.ArrayNode list = out.putArray(name);
        rules.forEach(r -> list.addObject().put("pattern", r.pattern().pattern()).put("err", r.message()));
      }
    }

    /**
     * Runs the validators on a non-null value of the right type; null when it passes. With
     * {@code quiet} a failure returns {@link #FAILED} instead of a formatted message, for checks
     * that only ask whether a value matches.
     */
    String check(Field field, JsonNode value, boolean quiet) {
      if (eq != null && !sameValue(value, eq)) {
        return quiet ? FAILED : String.format(Messages.EQ, Json.display(eq));
      }
      if (ne != null && sameValue(value, ne)) {
        return quiet ? FAILED : String.format(Messages.NE, Json.display(value));
      }
      if (notOneOf != null && containsValue(notOneOf, value)) {
        return quiet ? FAILED : String.format(Messages.NOT_ONE_OF, join(notOneOf));
      }
      if (oneOf != null && !containsValue(oneOf, value)) {
        return quiet ? FAILED : String.format(Messages.ONE_OF, join(oneOf));
      }
      String err = checkNumbers(field, value);
      if (err == null) {
        err = checkLengths(field, value);
      }
      if (err == null && value.isTextual()) {
        err = checkPatterns(value.textValue());
      }
      if (err == null && contains != null && !arrayContains(value, contains)) {
        err = String.format(Messages.CONTAINS, contains);
      }
      if (err == null && custom != null) {
        err = custom.apply(value).orElse(null);
      }
      if (err == null && exclusiveSubsets != null) {
        err = checkExclusiveSubsets(value);
      }
      return err;
    }

    private String checkNumbers(Field field, JsonNode value) {
      if (value.isNumber()) {
        double d = value.doubleValue();
        if (gt != null && !(d > gt)) {
          return String.format(Messages.GT, Json.number(gt));
        }
        if (field.isTimestamp() && !(d > 0)) {
          return Messages.TIMESTAMP;
        }
        if (between != null && (d < between[0] || d > between[1])) {
          return String.format(Messages.BETWEEN, Json.number(between[0]), Json.number(between[1]));
        }
      } else if (field.isUuid() && value.isTextual() && !isUuid(value.textValue())) {
        return Messages.UUID;
      }
      return null;
    }

    private String checkLengths(Field field, JsonNode value) {
      Integer min = lenMin;
      if (min == null && field.type() == FieldType.STRING) {
        min = 1; // Kong: empty strings are refused unless a schema sets len_min = 0
      }
      if (lenEq == null && min == null && lenMax == null) {
        return null;
      }
      if (!(value.isTextual() || value.isContainerNode())) {
        return null;
      }
      int len = value.isTextual() ? utf8Length(value.textValue()) : value.size();
      if (lenEq != null && len != lenEq) {
        return String.format(Messages.LEN_EQ, lenEq);
      }
      if (min != null && len < min) {
        return String.format(Messages.LEN_MIN, min);
      }
      if (lenMax != null && len > lenMax) {
        return String.format(Messages.LEN_MAX, lenMax);
      }
      return null;
    }

    private String checkPatterns(String s) {
      if (startsWith != null && !s.startsWith(startsWith)) {
        return String.format(Messages.STARTS_WITH, startsWith);
      }
      if (notMatch != null && notMatch.matcher(s).find()) {
        return String.format(Messages.MATCH, s);
      }
      for (PatternRule r : matchNone) {
        if (r.pattern().matcher(s).find()) {
          return r.message();
        }
      }
      if (match != null && !match.matcher(s).find()) {
        return String.format(Messages.MATCH, s);
      }
      for (PatternRule r : matchAll) {
        if (!r.pattern().matcher(s).find()) {
          return r.message();
        }
      }
      if (matchAny != null) {
        for (Pattern p : matchAny.patterns()) {
          if (p.matcher(s).find()) {
            return null;
          }
        }
        return matchAny.message();
      }
      return null;
    }

    private String checkExclusiveSubsets(JsonNode value) {
      if (!value.isArray()) {
        return null;
      }
      Set<List<String>> memberOf = new LinkedHashSet<>();
      for (JsonNode e : value) {
        for (List<String> subset : exclusiveSubsets) {
          if (e.isTextual() && subset.contains(e.textValue())) {
            memberOf.add(subset);
          }
        }
      }
      if (memberOf.size() <= 1) {
        return null;
      }
      String list =
          memberOf.stream().map(s -> "(" + Messages.quotedList(s) + ")").collect(Collectors.joining(", "));
      return String.format(Messages.MUTUALLY_EXCLUSIVE_SETS, list);
    }
  }

  /** Whether {@code s} is a UUID in its 8-4-4-4-12 hex form (either case), without a regex. */
  static boolean isUuid(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return false;
        }
      } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.doubleValue() == b.doubleValue();
    }
    return a.equals(b);
  }

  private static boolean containsValue(List<?> options, JsonNode value) {
    for (Object o : options) {
      if (o instanceof String s) {
        if (value.isTextual() && value.textValue().equals(s)) {
          return true;
        }
      } else if (o instanceof Number n) {
        if (value.isNumber() && value.doubleValue() == n.doubleValue()) {
          return true;
        }
      } else if (o instanceof Boolean b && value.isBoolean() && value.booleanValue() == b) {
        return true;
      }
    }
    return false;
  }

  private static boolean arrayContains(JsonNode value, String wanted) {
    if (!value.isArray()) {
      return true;
    }
    for (JsonNode e : value) {
      if (e.isTextual() && e.textValue().equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static String join(List<?> options) {
    return options.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  /** Kong measures strings in bytes ({@code #value}). */
  static int utf8Length(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return s.length();
  }
}
