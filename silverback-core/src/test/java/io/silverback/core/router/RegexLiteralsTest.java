package io.silverback.core.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The literal start (index key) and the required literal (prefilter) read from regex paths. */
class RegexLiteralsTest {
  @ParameterizedTest(name = "{0} starts with ''{1}''")
  @CsvSource(delimiterString = " => ", emptyValue = "", value = {
      "/users/\\d+ => /users/",
      "/ab?c => /a",
      "/ab*c => /a",
      "/ab{2}c => /a",
      "/a.c => /a",
      "(?i)/abc => ''",
      "/a|/b => ''",
      "/a(b)?c => /a",
      "/plain => /plain",
  })
  void literalPrefixStopsWhereTheRegexStopsBeingLiteral(String regex, String prefix) {
    assertThat(PathPattern.literalPrefix(regex)).isEqualTo(prefix);
  }

  @ParameterizedTest(name = "{0} requires ''{1}''")
  @CsvSource(delimiterString = " => ", emptyValue = "", value = {
      "/users/(?<g1>\\d+)/items42$ => /items42",
      "/users/\\d+ => /users/",
      "/a(/optional/part)?/end => /end",
      "/abcd?/x => /abc",
      "/a[xyz]/bcd => /bcd",
      "/a\\.b/cc => b/cc",
      "/a|/bbbbb => ''",
      "/x(?i)ABCDEF => ''",
      "/a\\x41bcdef => ''",
      "/a\\p{L}bcdef => ''",
      "/a[b[c]]defgh => ''",
      "/a\\Qbc\\E?defg => ''",
      "/(a)\\1bcdef => ''",
  })
  void requiredLiteralIsOnlyWhatEveryMatchContains(String regex, String literal) {
    assertThat(RequiredLiteral.of(regex)).isEqualTo(literal);
  }
}
