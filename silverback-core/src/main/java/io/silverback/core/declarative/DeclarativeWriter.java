package io.silverback.core.declarative;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.FieldType;
import io.silverback.core.schema.Json;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link Config} as a format 3.0 declarative document, the way {@code kong config
 * db_export} does: {@code _format_version} and {@code _transform: false} first, then each entity
 * type in dependency order (types without entities are left out), every field written, nulls
 * included, foreign keys as bare ids.
 *
 * <p>The output is deterministic: entities are sorted by primary key and fields follow the
 * schema's order, so the same config always gives the same bytes. It is streamed, so exporting a
 * large config costs no second copy of it in memory.
 */
public final class DeclarativeWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private DeclarativeWriter() {}

  /** Writes {@code config} to {@code out} in {@code syntax}; {@code out} is not closed. */
  public static void write(Config config, DeclarativeReader.Syntax syntax, OutputStream out) {
    try {
      if (syntax == DeclarativeReader.Syntax.YAML) {
        writeYaml(config, out);
      } else {
        writeJson(config, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write declarative config", e);
    }
  }

  private static void writeYaml(Config config, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    YamlWriter yaml = new YamlWriter(w);
    yaml.field("_format_version", TextNode.valueOf("3.0"));
    yaml.field("_transform", BooleanNode.FALSE);
    for (EntitySchema schema : exported(config)) {
      yaml.sequenceStart(schema.name());
      for (Entity e : sorted(config, schema)) {
        yaml.sequenceItem(record(schema, e.fields()));
      }
    }
    w.flush();
  }

  private static void writeJson(Config config, OutputStream out) {
    try (DeclarativeStream stream = DeclarativeStream.json(out)) {
      for (EntitySchema schema : exported(config)) {
        for (Entity e : sorted(config, schema)) {
          stream.entity(schema, e.fields());
        }
      }
    }
  }

  private static List<EntitySchema> exported(Config config) {
    return config.registry().ordered().stream()
        .filter(s -> s.dbExport() && config.count(s.name()) > 0).toList();
  }

  /** The document as bytes. */
  public static byte[] toBytes(Config config, DeclarativeReader.Syntax syntax) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(config, syntax, out);
    return out.toByteArray();
  }

  static JsonGenerator jsonGenerator(OutputStream out) throws IOException {
    OutputStream unclosable = new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
    JsonGenerator g = JSON.createGenerator(unclosable, JsonEncoding.UTF8);
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
        .withObjectIndenter(new DefaultIndenter("  ", "\n"))
        .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    return g.setPrettyPrinter(pp);
  }

  private static List<Entity> sorted(Config config, EntitySchema schema) {
    List<Entity> list = new ArrayList<>(config.all(schema.name()));
    list.sort(Comparator.comparing(Entity::id));
    return list;
  }

  /** Receives the fields of a record as written, one at a time. */
  @FunctionalInterface
  interface RecordFields {
    void field(String name, JsonNode value) throws IOException;
  }

  /** The record as written: schema field order, nulls included, foreign keys as bare ids, ttl last. */
  static ObjectNode record(EntitySchema schema, ObjectNode fields) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    try {
      record(schema, fields, out::set);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build a record", e);
    }
    return out;
  }

  /** Hands the fields of {@link #record(EntitySchema, ObjectNode)} to {@code out}, in order, without building it. */
  static void record(EntitySchema schema, ObjectNode fields, RecordFields out) throws IOException {
    for (Map.Entry<String, Field> f : schema.fields().entrySet()) {
      if (f.getValue().isTransient()) {
        continue;
      }
      JsonNode v = fields.get(f.getKey());
      if (v == null || v.isNull()) {
        out.field(f.getKey(), NullNode.getInstance());
      } else if (f.getValue().type() == FieldType.FOREIGN && v.isObject() && v.size() == 1) {
        out.field(f.getKey(), TextNode.valueOf(v.elements().next().asText()));
      } else {
        out.field(f.getKey(), v);
      }
    }
    JsonNode ttl = fields.get("ttl");
    if (schema.ttl() && ttl != null && !ttl.isNull()) {
      out.field("ttl", ttl);
    }
  }
}
