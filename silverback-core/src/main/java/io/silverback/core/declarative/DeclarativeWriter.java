package io.silverback.core.declarative;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.FieldType;
import io.silverback.core.schema.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
  private static final YAMLFactory YAML = YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
      .disable(YAMLGenerator.Feature.SPLIT_LINES)
      .build();
  private static final JsonFactory JSON = new JsonFactory();

  private DeclarativeWriter() {}

  /** Writes {@code config} to {@code out} in {@code syntax}; {@code out} is not closed. */
  public static void write(Config config, DeclarativeReader.Syntax syntax, OutputStream out) {
    try (JsonGenerator g = generator(syntax, out)) {
      g.writeStartObject();
      g.writeStringField("_format_version", "3.0");
      g.writeBooleanField("_transform", false);
      for (EntitySchema schema : config.registry().ordered()) {
        if (!schema.dbExport() || config.count(schema.name()) == 0) {
          continue;
        }
        g.writeArrayFieldStart(schema.name());
        for (Entity e : sorted(config, schema)) {
          writeEntity(g, schema, e);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write declarative config", e);
    }
  }

  /** The document as bytes. */
  public static byte[] toBytes(Config config, DeclarativeReader.Syntax syntax) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(config, syntax, out);
    return out.toByteArray();
  }

  private static JsonGenerator generator(DeclarativeReader.Syntax syntax, OutputStream out) throws IOException {
    OutputStream unclosable = new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
    if (syntax == DeclarativeReader.Syntax.YAML) {
      return YAML.createGenerator(unclosable, JsonEncoding.UTF8);
    }
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

  private static void writeEntity(JsonGenerator g, EntitySchema schema, Entity e) throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, Field> f : schema.fields().entrySet()) {
      if (f.getValue().isTransient()) {
        continue;
      }
      JsonNode v = e.fields().get(f.getKey());
      g.writeFieldName(f.getKey());
      if (v == null || v.isNull()) {
        g.writeNull();
      } else if (f.getValue().type() == FieldType.FOREIGN && v.isObject() && v.size() == 1) {
        g.writeString(v.elements().next().asText());
      } else {
        Json.MAPPER.writeTree(g, v);
      }
    }
    JsonNode ttl = e.fields().get("ttl");
    if (schema.ttl() && ttl != null && !ttl.isNull()) {
      g.writeFieldName("ttl");
      Json.MAPPER.writeTree(g, ttl);
    }
    g.writeEndObject();
  }
}
