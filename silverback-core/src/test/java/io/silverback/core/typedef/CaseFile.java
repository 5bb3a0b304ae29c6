package io.silverback.core.typedef;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Loads the rule tables under {@code src/test/resources/typedef/}. One case per line, columns
 * separated by {@code " -> "}; blank lines and lines starting with {@code #} are skipped. Columns
 * are trimmed; wrap a value in {@code «...»} to keep surrounding spaces or to write an empty
 * value. An expected value of {@code OK} means "valid" (an empty {@code Optional}).
 */
public final class CaseFile {
  /** The expected value meaning that a check passes. */
  public static final String OK = "OK";
  private static final String SEPARATOR = " -> ";

  private CaseFile() {}

  /**
   * Reads a table as JUnit arguments: the line number, then the columns.
   *
   * @param resource file name under {@code typedef/}
   * @param columns the number of columns every line must have
   * @return one {@link Arguments} per case
   */
  public static Stream<Arguments> load(String resource, int columns) {
    List<Arguments> cases = new ArrayList<>();
    String path = "/typedef/" + resource;
    try (InputStream in = CaseFile.class.getResourceAsStream(path)) {
      assertThat(in).as("test resource %s", path).isNotNull();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split(SEPARATOR, -1);
        assertThat(parts).as("%s:%d columns", resource, number).hasSize(columns);
        Object[] args = new Object[columns + 1];
        args[0] = resource + ":" + number;
        for (int i = 0; i < columns; i++) {
          args[i + 1] = unquote(parts[i].trim());
        }
        cases.add(Arguments.of(args));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(cases).as("cases in %s", resource).isNotEmpty();
    return cases.stream();
  }

  /**
   * Turns an expected column into the value a check returns.
   *
   * @param expected {@code OK} or a message
   * @return empty for {@code OK}, else the message
   */
  public static Optional<String> expected(String expected) {
    return OK.equals(expected) ? Optional.empty() : Optional.of(expected);
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("«") && value.endsWith("»")) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
