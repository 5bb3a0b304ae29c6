package io.silverback.core.typedef;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NamesTest {
  private static final String HEADER_CHARS =
      "_-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String COOKIE_CHARS =
      "~`|!#$%&'*+-._-^0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  static Stream<Arguments> utf8NameCases() {
    return CaseFile.load("utf8_name.txt", 2);
  }

  static Stream<Arguments> nameCases() {
    return CaseFile.load("name.txt", 2);
  }

  static Stream<Arguments> tagCases() {
    return CaseFile.load("tag.txt", 2);
  }

  static Stream<Arguments> headerNameCases() {
    return CaseFile.load("header_name.txt", 2);
  }

  static Stream<Arguments> cookieNameCases() {
    return CaseFile.load("cookie_name.txt", 2);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("utf8NameCases")
  void utf8NameMatchesKongTable(String line, String value, String expected) {
    assertThat(Names.utf8Name(value)).as(line).isEqualTo(CaseFile.expected(expected));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("nameCases")
  void nameMatchesKongTable(String line, String value, String expected) {
    assertThat(Names.name(value)).as(line).isEqualTo(CaseFile.expected(expected));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("tagCases")
  void tagMatchesKongTable(String line, String value, String expected) {
    assertThat(Names.tag(value)).as(line).isEqualTo(CaseFile.expected(expected));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("headerNameCases")
  void headerNameMatchesKongTable(String line, String value, String expected) {
    assertThat(Names.headerName(value)).as(line).isEqualTo(CaseFile.expected(expected));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cookieNameCases")
  void cookieNameMatchesKongTable(String line, String value, String expected) {
    assertThat(Names.cookieName(value)).as(line).isEqualTo(CaseFile.expected(expected));
  }

  @Test
  void acceptsExactlyKongsHeaderCharactersOneByOne() {
    for (char c = 1; c <= 255; c++) {
      String value = String.valueOf(c);
      assertThat(Names.headerName(value).isEmpty()).as("char %d", (int) c)
          .isEqualTo(HEADER_CHARS.indexOf(c) >= 0);
    }
  }

  @Test
  void acceptsExactlyKongsCookieCharactersOneByOne() {
    for (char c = 1; c <= 255; c++) {
      String value = String.valueOf(c);
      assertThat(Names.cookieName(value).isEmpty()).as("char %d", (int) c)
          .isEqualTo(COOKIE_CHARS.indexOf(c) >= 0);
    }
  }

  @Test
  void acceptsOneTrailingNewlineInHeaderNameLikePcreDollar() {
    assertThat(Names.headerName("X-Foo\n")).isEmpty();
    assertThat(Names.headerName("X-Foo\n\n")).isPresent();
  }

  @Test
  void reportsLoneSurrogateAtItsUtf8BytePosition() {
    String expected = "invalid utf-8 character sequence detected at position 4";
    assertThat(Names.utf8Name("aé\uD800b")).contains(expected);
    assertThat(Names.tag("aé\uDC00")).contains(expected);
    assertThat(Names.utf8Error("🦍\uD800")).contains(
        "invalid utf-8 character sequence detected at position 5");
  }

  @Test
  void rejectsControlCharactersInTags() {
    assertThat(Names.tag("tab\there")).isPresent();
    assertThat(Names.tag("del\u007f")).isPresent();
  }
}
