package io.silverback.core.typedef;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegexesTest {
  private static final String UNSUPPORTED = "UNSUPPORTED";

  static Stream<Arguments> verdictCases() {
    return CaseFile.load("regex.txt", 2);
  }

  static Stream<Arguments> matchCases() {
    return CaseFile.load("regex_match.txt", 3);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("verdictCases")
  void judgesPatternLikePcre2(String line, String pattern, String expected) {
    if (expected.equals(UNSUPPORTED)) {
      assertThat(Regexes.compileError(pattern)).as(line).isEmpty();
      assertThat(Regexes.unsupportedReason(pattern)).as(line).isPresent();
      assertThat(Regexes.compile(pattern)).as(line).isEmpty();
      return;
    }
    assertThat(Regexes.compileError(pattern)).as(line).isEqualTo(CaseFile.expected(expected));
    assertThat(Regexes.compile(pattern).isPresent()).as(line).isEqualTo(expected.equals("OK"));
    if (!expected.equals("OK")) {
      String reason = expected.substring("pcre2_compile() failed: ".length(),
          expected.indexOf(" in \"" + pattern + "\""));
      assertThat(Regexes.regexError(pattern)).as(line).contains(reason);
    }
  }

  @ParameterizedTest(name = "{0}: {1} on {2}")
  @MethodSource("matchCases")
  void matchesLikePcre2(String line, String pattern, String subject, String expected) {
    CompiledRegex regex = Regexes.compile(pattern).orElseThrow();
    Matcher matcher = regex.pattern().matcher(subject.replace("\\n", "\n"));
    String actual = !matcher.lookingAt() ? "NOMATCH"
        : IntStream.rangeClosed(0, matcher.groupCount())
            .mapToObj(i -> matcher.start(i) < 0 ? "-" : matcher.start(i) + ":" + matcher.end(i))
            .collect(Collectors.joining(" "));
    assertThat(actual).as(line).isEqualTo(expected);
  }

  @Test
  void keepsPcreGroupNamesWithUnderscores() {
    CompiledRegex regex = Regexes.compile("/(?P<first_name>\\w+)/(?<id>\\d+)").orElseThrow();
    assertThat(regex.groupNames()).containsExactly("first_name", "id");
    assertThat(regex.groupNumber("id")).isEqualTo(OptionalInt.of(2));
    assertThat(regex.groupNumber("nope")).isEmpty();
    Matcher matcher = regex.pattern().matcher("/jane_doe/42");
    assertThat(matcher.lookingAt()).isTrue();
    assertThat(regex.group(matcher, "first_name")).contains("jane_doe");
    assertThat(regex.group(matcher, "id")).contains("42");
  }

  @Test
  void resolvesForwardNamedReferences() {
    CompiledRegex regex = Regexes.compile("(?:\\k<x>|(?<x>a))+").orElseThrow();
    assertThat(regex.pattern().matcher("aa").matches()).isTrue();
  }

  @Test
  void namesUnsupportedConstruct() {
    assertThat(Regexes.unsupportedReason("(?1)(a)")).hasValueSatisfying(
        reason -> assertThat(reason).startsWith("recursion or subroutine call"));
    assertThat(Regexes.unsupportedReason("/ok")).isEmpty();
    assertThat(Regexes.unsupportedReason("(")).isEmpty();
  }

  @Test
  void givesExactlyOneVerdictForTruncatedConstructs() {
    List<String> nasty = List.of("", "\\", "(", ")", "[", "]", "{", "(?", "(*", "\\p{", "(?(",
        "(?C\"", "[[:", "\\x{", "\\o{", "(?<", "(?P", "\uD83D", "\uD83D\uDE00+", "\0",
        "(?(R99999999)a)", "a{99999}", "\\g{99999}");
    for (String pattern : nasty) {
      int verdicts = (Regexes.compileError(pattern).isPresent() ? 1 : 0)
          + (Regexes.compile(pattern).isPresent() ? 1 : 0)
          + (Regexes.unsupportedReason(pattern).isPresent() ? 1 : 0);
      assertThat(verdicts).as(pattern).isEqualTo(1);
    }
  }

  @Test
  void reportsShortReason() {
    assertThat(Regexes.regexError("/regex.+("))
        .isEqualTo(Optional.of("missing closing parenthesis"));
    assertThat(Regexes.regexError("/ok")).isEmpty();
  }
}
