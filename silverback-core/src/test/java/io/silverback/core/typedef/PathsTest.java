package io.silverback.core.typedef;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PathsTest {

  static Stream<Arguments> pathCases() {
    return CaseFile.load("path.txt", 2);
  }

  static Stream<Arguments> routerPathCases() {
    return CaseFile.load("router_path.txt", 2);
  }

  static Stream<Arguments> normalizeCases() {
    return CaseFile.load("normalize.txt", 2);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("pathCases")
  void pathMatchesKongTable(String line, String value, String expected) {
    assertThat(Paths.path(value)).as(line).isEqualTo(CaseFile.expected(expected));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("routerPathCases")
  void routerPathMatchesKongTable(String line, String value, String expected) {
    assertThat(Paths.routerPath(value)).as(line).isEqualTo(CaseFile.expected(expected));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("normalizeCases")
  void normalizeMatchesKongTable(String line, String value, String expected) {
    assertThat(Paths.normalize(value)).as(line).isEqualTo(expected);
  }

  @Test
  void normalizedPathsAreFixedPoints() {
    String once = Paths.normalize("/a/%2e%2E//b/%7e/../c%2f");
    assertThat(once).isEqualTo("/b/c%2F");
    assertThat(Paths.normalize(once)).isSameAs(once);
  }

  @Test
  void reportsPcreMessageForBadRegexPath() {
    assertThat(Paths.routerPath("~/users/(foo/profile")).contains(
        "invalid regex: '/users/(foo/profile' (PCRE returned: pcre2_compile() failed:"
            + " missing closing parenthesis in \"/users/(foo/profile\")");
  }
}
