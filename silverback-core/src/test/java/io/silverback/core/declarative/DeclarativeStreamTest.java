package io.silverback.core.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeclarativeStreamTest {
  private static final EntityRegistry REGISTRY = EntityRegistry.standard();
  private static final String SOURCE = """
      _format_version: "3.0"
      services:
        - name: billing
          host: billing.internal
          routes:
            - name: invoices
              hosts: [billing.example.com]
              https_redirect_status_code: 426
          plugins:
            - name: rate-limiting
              config:
                minute: 5
      consumers:
        - username: alice
          keyauth_credentials:
            - key: alice-key
      """;

  @Test
  void writesEachRecordAsJacksonWritesItsTreeAndCountsEveryType() throws IOException {
    Config config = DeclarativeConfigParser.of(REGISTRY).parseString(SOURCE).orThrow().config();
    ObjectNode document = Json.MAPPER.createObjectNode().put("_format_version", "3.0").put("_transform", false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    try (DeclarativeStream stream = DeclarativeStream.json(out)) {
      for (EntitySchema schema : REGISTRY.ordered()) {
        for (Entity e : config.all(schema.name()).stream().sorted(Comparator.comparing(Entity::id)).toList()) {
          stream.entity(schema, e.fields());
          document.withArray(schema.name()).add(DeclarativeWriter.record(schema, e.fields()));
        }
      }
      assertThat(stream.counts()).isEqualTo(config.counts());
    }

    ByteArrayOutputStream tree = new ByteArrayOutputStream();
    try (JsonGenerator g = DeclarativeWriter.jsonGenerator(tree)) {
      Json.MAPPER.writeTree(g, document);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(tree.toString(StandardCharsets.UTF_8))
        .contains("\"https_redirect_status_code\" : 426", "\"strip_path\" : true", "\"minute\" : 5");
  }

  @Test
  void writesTheSameDocumentOnOneLineWhenCompact() throws IOException {
    Config config = DeclarativeConfigParser.of(REGISTRY).parseString(SOURCE).orThrow().config();
    ByteArrayOutputStream pretty = new ByteArrayOutputStream();
    ByteArrayOutputStream compact = new ByteArrayOutputStream();

    try (DeclarativeStream indented = DeclarativeStream.json(pretty);
         DeclarativeStream oneLine = DeclarativeStream.compactJson(compact)) {
      for (EntitySchema schema : REGISTRY.ordered()) {
        for (Entity e : config.all(schema.name()).stream().sorted(Comparator.comparing(Entity::id)).toList()) {
          indented.entity(schema, e.fields());
          oneLine.entity(schema, e.fields());
        }
      }
    }

    String text = compact.toString(StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\n", "\" : ").startsWith("{\"_format_version\":\"3.0\",\"_transform\":false,")
        .contains("\"minute\":5", "\"hosts\":[\"billing.example.com\"]");
    assertThat(Json.MAPPER.readTree(text)).isEqualTo(Json.MAPPER.readTree(pretty.toByteArray()));
    assertThat(compact.size()).isLessThan(pretty.size() * 2 / 3);
  }

  @Test
  void writesAStoredRecordAsItsParsedTree() throws IOException {
    Config config = DeclarativeConfigParser.of(REGISTRY).parseString(SOURCE + """
        upstreams:
          - name: billing-upstream
            targets:
              - target: 10.0.0.1:80
                tags: [a, "b \\"quoted\\" é"]
        """).orThrow().config();
    ByteArrayOutputStream parsed = new ByteArrayOutputStream();
    ByteArrayOutputStream stored = new ByteArrayOutputStream();
    int records = 0;

    try (DeclarativeStream trees = DeclarativeStream.compactJson(parsed);
         DeclarativeStream spans = DeclarativeStream.compactJson(stored)) {
      for (EntitySchema schema : REGISTRY.ordered()) {
        for (Entity e : config.all(schema.name()).stream().sorted(Comparator.comparing(Entity::id)).toList()) {
          ObjectNode fields = e.fields().deepCopy();
          if (schema.name().equals("keyauth_credentials")) {
            fields.put("ttl", 3600);
          }
          byte[] json = Json.MAPPER.writeValueAsBytes(fields);
          byte[] padded = new byte[json.length + 4];
          System.arraycopy(json, 0, padded, 2, json.length);
          trees.entity(schema, fields);
          spans.entity(schema, StoredRecord.of(padded, 2, json.length));
          records++;
        }
      }
      assertThat(spans.counts()).isEqualTo(trees.counts());
    }

    assertThat(records).isEqualTo(config.size());
    assertThat(stored.toString(StandardCharsets.UTF_8)).isEqualTo(parsed.toString(StandardCharsets.UTF_8))
        .contains("\"service\":\"", "\"ttl\":3600}", "\"b \\\"quoted\\\" é\"");
  }

  @Test
  void refusesAStoredRecordThatIsNotOneObject() {
    byte[] array = "[1]".getBytes(StandardCharsets.UTF_8);
    byte[] trailing = "{\"a\":1} {}".getBytes(StandardCharsets.UTF_8);
    byte[] cut = "{\"a\":[1,".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> StoredRecord.of(array, 0, array.length)).isInstanceOf(IOException.class)
        .hasMessageContaining("JSON object");
    assertThatThrownBy(() -> StoredRecord.of(trailing, 0, trailing.length)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> StoredRecord.of(cut, 0, cut.length)).isInstanceOf(IOException.class);
  }

  /**
   * A backup writes the export through zstd, where every flush ends a block: a flush after each
   * tree-valued field (tags, config) left a 100k-entity export half as large again.
   */
  @Test
  void flushesItsOutputOnlyWhenTheDocumentEnds() {
    Config config = DeclarativeConfigParser.of(REGISTRY).parseString(SOURCE).orThrow().config();
    int[] flushes = new int[1];
    ByteArrayOutputStream out = new ByteArrayOutputStream() {
      @Override
      public void flush() {
        flushes[0]++;
      }
    };

    try (DeclarativeStream stream = DeclarativeStream.json(out)) {
      for (EntitySchema schema : REGISTRY.ordered()) {
        for (Entity e : config.all(schema.name())) {
          stream.entity(schema, e.fields());
        }
      }
      assertThat(flushes[0]).isZero();
    }

    assertThat(flushes[0]).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"minute\" : 5", "\"billing.example.com\"");
  }

  @Test
  void countsButDoesNotWriteTypesThatDbExportLeavesOut() {
    EntitySchema hidden = EntitySchema.entity("workspace_sessions").field("id", Field.string()).noDbExport().build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    try (DeclarativeStream stream = DeclarativeStream.json(out)) {
      stream.entity(hidden, Json.MAPPER.createObjectNode().put("id", "x"));
      assertThat(stream.counts()).isEqualTo(Map.of(hidden.name(), 1));
    }

    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(hidden.name());
  }

  @Test
  void refusesATypeWhoseEntitiesWereAlreadyEnded() {
    EntitySchema services = REGISTRY.get("services").orElseThrow();
    EntitySchema consumers = REGISTRY.get("consumers").orElseThrow();
    ObjectNode fields = Json.MAPPER.createObjectNode().put("id", "a");
    try (DeclarativeStream stream = DeclarativeStream.json(new ByteArrayOutputStream())) {
      stream.entity(services, fields);
      stream.entity(consumers, fields);

      assertThatThrownBy(() -> stream.entity(services, fields)).isInstanceOf(IllegalStateException.class)
          .hasMessage("entities of type 'services' came after those of 'consumers'; a document lists each type once");
    }
  }
}
