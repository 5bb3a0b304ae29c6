package io.silverback.core.declarative;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns declarative text into a JSON tree, following Kong's {@code unserialize}: a file's
 * extension decides the syntax ({@code .json}, {@code .yml}, {@code .yaml}); text without a name
 * is tried as JSON, then as YAML. The document must be a mapping.
 *
 * <p>Departure from Kong: duplicate keys in one mapping are refused (Kong keeps the last one
 * silently, which hides mistakes in hand-edited files).
 */
public final class DeclarativeReader {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxStringLength(Integer.MAX_VALUE)
        .maxDocumentLength(-1)
        .maxNestingDepth(1000)
        .build());
  }

  /** The syntax of a declarative document. */
  public enum Syntax {
    JSON,
    YAML
  }

  private DeclarativeReader() {}

  /**
   * Reads a declarative file.
   *
   * @throws DeclarativeReadException when the file is missing, unreadable, of an unknown type, or
   *     not a well-formed mapping; the message names the file
   */
  public static JsonNode readFile(Path file) {
    return HashingReader.readFile(file).tree();
  }

  static JsonNode read(Reader reader, Syntax syntax) throws IOException {
    return syntax == Syntax.JSON ? parseJson(reader) : YamlTree.read(reader);
  }

  /** The syntax a file name implies. */
  public static Syntax syntaxOf(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return Syntax.JSON;
    }
    if (name.endsWith(".yml") || name.endsWith(".yaml")) {
      return Syntax.YAML;
    }
    throw DeclarativeReadException.file(
        "unknown file type: " + file.toAbsolutePath() + ". (Accepted types: json, yaml)");
  }

  /** Reads text of a known syntax. */
  public static JsonNode read(String text, Syntax syntax) {
    try {
      return syntax == Syntax.JSON ? parseJson(new StringReader(text)) : YamlTree.read(new StringReader(text));
    } catch (IOException e) {
      throw new DeclarativeReadException(e.getMessage());
    }
  }

  /** Reads text of unknown syntax: JSON first, then YAML, as Kong does without a file name. */
  public static JsonNode read(String text) {
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        return parseJson(new StringReader(text));
      } catch (DeclarativeReadException | IOException e) {
        // not JSON after all: YAML is a superset of most JSON mistakes' neighbours
      }
    }
    return read(text, Syntax.YAML);
  }

  /** Reads JSON from UTF-8 bytes; the stream is not closed. */
  static JsonNode readJson(java.io.InputStream in) throws IOException {
    JsonNode tree;
    try {
      tree = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      throw new DeclarativeReadException(describe(e));
    }
    return requireObject(tree);
  }

  private static JsonNode parseJson(Reader reader) throws IOException {
    JsonNode tree;
    try {
      tree = JSON.readTree(reader);
    } catch (JsonProcessingException e) {
      throw new DeclarativeReadException(describe(e));
    }
    return requireObject(tree);
  }

  static JsonNode requireObject(JsonNode tree) {
    if (tree == null || !tree.isObject()) {
      throw new DeclarativeReadException("expected an object");
    }
    return tree;
  }

  private static String describe(JsonProcessingException e) {
    String msg = e.getOriginalMessage();
    int cut = msg.indexOf('\n');
    if (cut > 0) {
      msg = msg.substring(0, cut);
    }
    if (e.getLocation() != null) {
      msg += " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
    return msg;
  }
}
