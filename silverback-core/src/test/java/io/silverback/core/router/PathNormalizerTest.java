package io.silverback.core.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathNormalizerTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "/|/",
      "/a/b/c|/a/b/c",
      "/%61%62c|/abc",
      "/%7euser|/~user",
      "/a%2fb|/a%2Fb",
      "/a%2Fb|/a%2Fb",
      "/%3f%23%25|/%3F%23%25",
      "/a%20b|/a b",
      "/%C3%A9|/é",
      "/a/./b|/a/b",
      "/a/../b|/b",
      "/a/b/..|/a/",
      "/a/b/.|/a/b/",
      "/../a|/a",
      "/..|/",
      "/a//b///c|/a/b/c",
      "//a|/a",
      "/a/%2E%2E/b|/b",
      "/a/%2e/b|/a/b",
      "/a./b|/a./b",
      "/a../b|/a../b",
      "/a/b/../../..|/",
  })
  void normalizesRequestPathsAsKong(String raw, String normalized) {
    assertThat(PathNormalizer.normalize(raw)).isEqualTo(normalized);
  }

  @Test
  void refusesPathsThatDecodeToInvalidUtf8() {
    assertThat(PathNormalizer.normalize("/a%FF")).isNull();
    assertThat(PathNormalizer.normalize("/%C3")).isNull();
  }

  @Test
  void keepsInvalidTripletsAsTheyAre() {
    assertThat(PathNormalizer.normalize("/a%zz/%4")).isEqualTo("/a%zz/%4");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiterString = " -> ", value = {
      "/plain/\\d+ -> /plain/\\d+",
      "/reg%65x/\\d+ -> /regex/\\d+",
      "/meta/%5Cd\\+%2E -> /meta/\\\\d\\+\\.",
      "/reserved%2fabc -> /reserved%2Fabc",
      "/%7B%7d%7C%5E%2D -> /\\{\\}\\|\\^\\-",
  })
  void decodesRegexPathsAndEscapesDecodedMetacharacters(String regex, String normalized) {
    assertThat(PathNormalizer.normalizeRegex(regex)).isEqualTo(normalized);
  }

  @Test
  void refusesRegexPathsThatDecodeToInvalidUtf8() {
    assertThatThrownBy(() -> PathNormalizer.normalizeRegex("/a%FF"))
        .isInstanceOf(RouterException.class)
        .hasMessageContaining("/a%FF");
  }

  @ParameterizedTest(name = "''{0}'' -> ''{1}''")
  @CsvSource(delimiter = '|', emptyValue = "", value = {
      "''|''",
      ".|''",
      "..|''",
      "./a|a",
      "../a|a",
      ".../a|.../a",
      "/a|/a",
      "a|a",
  })
  void sanitizesThePostfixAsKong(String postfix, String sanitized) {
    assertThat(PathNormalizer.sanitizePostfix(postfix)).isEqualTo(sanitized);
  }
}
