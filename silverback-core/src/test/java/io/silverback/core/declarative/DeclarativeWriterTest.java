package io.silverback.core.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.EntityRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeclarativeWriterTest {
  private static final String SOURCE = """
      _format_version: "3.0"
      services:
        - name: s1
          url: http://example.com/api
          tags: [a, b]
          routes:
            - name: r1
              paths: [/a]
      consumers:
        - username: alice
          basicauth_credentials:
            - username: alice
              password: secret
      upstreams:
        - name: up1
          targets:
            - target: 10.0.0.1
      """;

  private final DeclarativeConfigParser parser = DeclarativeConfigParser.of(EntityRegistry.standard());

  @Test
  void writesTheSameBytesForTheSameConfig() {
    Config c = parser.parseString(SOURCE).orThrow().config();
    assertThat(DeclarativeWriter.toBytes(c, DeclarativeReader.Syntax.YAML))
        .isEqualTo(DeclarativeWriter.toBytes(c, DeclarativeReader.Syntax.YAML));
    assertThat(DeclarativeWriter.toBytes(c, DeclarativeReader.Syntax.JSON))
        .isEqualTo(DeclarativeWriter.toBytes(c, DeclarativeReader.Syntax.JSON));
  }

  @Test
  void writesFormatThreeWithTransformOffAndTypesInDependencyOrder() {
    Config c = parser.parseString(SOURCE).orThrow().config();
    String yaml = new String(DeclarativeWriter.toBytes(c, DeclarativeReader.Syntax.YAML), StandardCharsets.UTF_8);
    assertThat(yaml).startsWith("_format_version: \"3.0\"\n_transform: false\n");
    List<String> order = List.of("consumers:", "services:", "routes:", "upstreams:", "targets:", "basicauth_credentials:");
    int last = -1;
    for (String key : order) {
      int at = yaml.indexOf("\n" + key);
      assertThat(at).as(key).isGreaterThan(last);
      last = at;
    }
    assertThat(yaml).doesNotContain("plugins:").contains("  service: \"");
  }

  @Test
  void rereadingTheOutputGivesTheSameEntitiesWithoutHashingPasswordsTwice() {
    for (DeclarativeReader.Syntax syntax : DeclarativeReader.Syntax.values()) {
      Config first = parser.parseString(SOURCE).orThrow().config();
      String text = new String(DeclarativeWriter.toBytes(first, syntax), StandardCharsets.UTF_8);
      Config second = parser.parseString(text).orThrow().config();
      assertSameEntities(first, second);
      assertThat(new String(DeclarativeWriter.toBytes(second, syntax), StandardCharsets.UTF_8)).isEqualTo(text);
    }
  }

  @Test
  void storesTargetsWithKongsDefaultPortAndPasswordsAsSaltedSha1() {
    Config c = parser.parseString(SOURCE).orThrow().config();
    assertThat(c.all("targets").iterator().next().text("target")).isEqualTo("10.0.0.1:8000");
    Entity cred = c.all("basicauth_credentials").iterator().next();
    String consumerId = cred.foreignId("consumer");
    assertThat(cred.text("password"))
        .isEqualTo(io.silverback.core.entity.Credentials.hashPassword(consumerId, "secret"))
        .hasSize(40);
  }

  static void assertSameEntities(Config a, Config b) {
    assertThat(b.counts()).isEqualTo(a.counts());
    for (String type : a.counts().keySet()) {
      for (Entity e : a.all(type)) {
        assertThat(b.get(type, e.id())).as(type + " " + e.id()).isPresent();
        assertThat(b.get(type, e.id()).get().fields()).as(type + " " + e.id()).isEqualTo(e.fields());
      }
    }
  }
}
