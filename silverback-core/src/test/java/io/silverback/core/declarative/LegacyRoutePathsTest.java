package io.silverback.core.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.typedef.CaseFile;
import io.silverback.core.typedef.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LegacyRoutePathsTest {

  static Stream<Arguments> cases() {
    return CaseFile.load("legacy_route_paths.txt", 2);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void migratesLikeKong(String line, String legacy, String expected) {
    assertThat(LegacyRoutePaths.migrate(legacy)).as(line).isEqualTo(expected);
  }

  @Test
  void migratedRegexWithBadSyntaxFailsValidationAfterwards() {
    String migrated = LegacyRoutePaths.migrate("/regex.+(");
    assertThat(Paths.routerPath(migrated)).hasValueSatisfying(message -> assertThat(message)
        .contains("invalid regex: '/regex.+('").contains("missing closing parenthesis"));
  }

  @Test
  void treatsTrailingNewlineAsPlainLikePcreDollar() {
    assertThat(LegacyRoutePaths.migrate("/plain\n")).isEqualTo("/plain\n");
  }
}
