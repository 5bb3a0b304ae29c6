package io.silverback.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LuaSyntax} and {@link LuaTemplate} against answers recorded from the real thing, in
 * {@code plugins/lua-syntax-cases.jsonl}: LuaJIT 2.1 (commit 510f88d4, built with {@code
 * XCFLAGS=-DLUAJIT_ENABLE_LUA52COMPAT} as Kong builds it) and Penlight 1.14.0. Mode {@code C}
 * loads the source with chunk name {@code TMP}; {@code L} loads it as {@code typedefs.lua_code}
 * does, named after itself; {@code T} compiles it as a request-transformer template. The cases
 * are hand-written edge cases plus a sample of generated token soups and mutated programs; the
 * same generator, run on some 60,000 inputs, found no difference.
 */
class LuaSyntaxTest {
  static Stream<Arguments> recorded() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        LuaSyntaxTest.class.getResourceAsStream("/plugins/lua-syntax-cases.jsonl"), StandardCharsets.UTF_8))) {
      return in.lines().map(LuaSyntaxTest::parse).toList().stream()
          .map(c -> Arguments.of(c.get("mode").textValue(), c.get("source").textValue(),
              c.get("luajit").isNull() ? null : c.get("luajit").textValue()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String line) {
    try {
      return Json.MAPPER.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("recorded")
  void answersAsLuaJitDoes(String mode, String source, String expected) {
    Optional<String> error = switch (mode) {
      case "C" -> LuaSyntax.check(source, "TMP");
      case "L" -> LuaSyntax.check(source, source);
      default -> LuaTemplate.compileError(source);
    };

    assertThat(error).isEqualTo(Optional.ofNullable(expected));
  }

  @Test
  void templatesBecomePenlightCode() {
    assertThat(LuaTemplate.code("a$(b)c"))
        .isEqualTo("return function() local __R_size, __R_table, __tostring = 0, {}, __tostring; "
            + " __R_size = __R_size + 1; __R_table[__R_size] = \"a\"; __R_size = __R_size + 1;"
            + " __R_table[__R_size] = __tostring((b) or ''); __R_size = __R_size + 1; __R_table[__R_size] = \"c\";"
            + "return __R_table; end");
    assertThat(LuaTemplate.code("plain")).isEqualTo("return \"plain\";");
  }

  @Test
  void longChunkNamesAreShortenedAsLuaJitDoes() {
    assertThat(LuaLexer.shortName("TMP")).isEqualTo("[string \"TMP\"]");
    assertThat(LuaLexer.shortName("return 1\nx")).isEqualTo("[string \"return 1...\"]");
    assertThat(LuaLexer.shortName("=stdin")).isEqualTo("stdin");
  }
}
