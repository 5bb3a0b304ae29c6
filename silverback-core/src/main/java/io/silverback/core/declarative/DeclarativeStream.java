package io.silverback.core.declarative;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.FieldType;
import io.silverback.core.schema.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@code db_export} document in its JSON syntax, written one entity at a time as the entities
 * arrive (a backup streams them from its database snapshot without building a {@link
 * io.silverback.core.config.Config} first). The bytes are those of {@link DeclarativeWriter} for
 * the same entities given type by type in dependency order and, within a type, by primary key.
 * Types that {@code db_export} leaves out are counted but not written. Not thread-safe.
 */
public final class DeclarativeStream implements AutoCloseable {
  /**
   * Writes a field's tree without flushing after it, as {@code ObjectMapper.writeTree} does: every
   * flush ends a block of the zstd stream a backup writes through, which left a 100k-entity
   * export 6.6 MB instead of 4.3 MB.
   */
  private static final ObjectWriter TREES = Json.MAPPER.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
  private final JsonGenerator g;
  private final Map<String, Integer> counts = new LinkedHashMap<>();
  private final Set<String> ended = new HashSet<>();
  private EntitySchema open;

  private DeclarativeStream(JsonGenerator g) {
    this.g = g;
  }

  /**
   * Starts a document on {@code out} (not closed by {@link #close()}).
   *
   * @throws UncheckedIOException when {@code out} cannot be written
   */
  public static DeclarativeStream json(OutputStream out) {
    try {
      return start(DeclarativeWriter.jsonGenerator(out));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write declarative config", e);
    }
  }

  /**
   * As {@link #json}, without the indentation: the same document, on one line. A backup's export
   * is read by programs (a restore, {@code POST /config}), and the pretty printer cost its writer
   * about a third of its time under the C1 compiler of short commands ({@code jq .} indents it).
   *
   * @throws UncheckedIOException when {@code out} cannot be written
   */
  public static DeclarativeStream compactJson(OutputStream out) {
    try {
      return start(DeclarativeWriter.jsonGenerator(out).setPrettyPrinter(null));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write declarative config", e);
    }
  }

  private static DeclarativeStream start(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("_format_version", "3.0");
    g.writeBooleanField("_transform", false);
    return new DeclarativeStream(g);
  }

  /**
   * Writes one entity of {@code schema}: its fields as stored, written in schema order.
   *
   * @throws IllegalStateException when {@code schema}'s entities were already ended by another type's
   * @throws UncheckedIOException when the output cannot be written
   */
  public void entity(EntitySchema schema, ObjectNode fields) {
    try {
      if (begin(schema)) {
        g.writeStartObject();
        DeclarativeWriter.record(schema, fields, this::field);
        g.writeEndObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write declarative config", e);
    }
  }

  /**
   * Writes one entity of {@code schema} from its JSON as stored, copying each field's bytes: the
   * record {@link #entity(EntitySchema, ObjectNode)} writes for the same JSON parsed (schema field
   * order, nulls included, foreign keys as bare ids, ttl last), with no tree built or walked.
   *
   * @throws IllegalStateException when {@code schema}'s entities were already ended by another type's
   * @throws UncheckedIOException when the output cannot be written
   */
  public void entity(EntitySchema schema, StoredRecord stored) {
    try {
      if (!begin(schema)) {
        return;
      }
      g.writeStartObject();
      for (Map.Entry<String, Field> f : schema.fields().entrySet()) {
        if (f.getValue().isTransient()) {
          continue;
        }
        String name = f.getKey();
        g.writeFieldName(name);
        String id = f.getValue().type() == FieldType.FOREIGN && stored.isObject(name) ? stored.onlyMemberText(name) : null;
        if (!stored.has(name)) {
          g.writeNull();
        } else if (id != null) {
          g.writeString(id);
        } else {
          g.writeRawValue(stored.raw(name));
        }
      }
      if (schema.ttl() && stored.has("ttl")) {
        g.writeFieldName("ttl");
        g.writeRawValue(stored.raw("ttl"));
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write declarative config", e);
    }
  }

  /** Counts an entity of {@code schema} and opens its type's array; false when db_export leaves the type out. */
  private boolean begin(EntitySchema schema) throws IOException {
    counts.merge(schema.name(), 1, Integer::sum);
    if (!schema.dbExport()) {
      return false;
    }
    if (open != schema) {
      if (ended.contains(schema.name())) {
        throw new IllegalStateException("entities of type '" + schema.name() + "' came after those of '"
            + (open == null ? "none" : open.name()) + "'; a document lists each type once");
      }
      endOpenType();
      g.writeArrayFieldStart(schema.name());
      open = schema;
    }
    return true;
  }

  /**
   * Writes one field as Jackson writes it within the record's tree; scalars directly (most
   * fields), which saves building the record and a serializer lookup per entity.
   */
  private void field(String name, JsonNode value) throws IOException {
    g.writeFieldName(name);
    switch (value.getNodeType()) {
      case NULL -> g.writeNull();
      case STRING -> g.writeString(value.textValue());
      case BOOLEAN -> g.writeBoolean(value.booleanValue());
      default -> {
        if (value.isInt()) {
          g.writeNumber(value.intValue());
        } else if (value.isLong()) {
          g.writeNumber(value.longValue());
        } else {
          TREES.writeValue(g, value);
        }
      }
    }
  }

  /** Entities given so far, per type that has any, in the order the types came. */
  public Map<String, Integer> counts() {
    return Collections.unmodifiableMap(counts);
  }

  /**
   * Ends the document and flushes it.
   *
   * @throws UncheckedIOException when the output cannot be written
   */
  @Override
  public void close() {
    try (g) {
      endOpenType();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write declarative config", e);
    }
  }

  private void endOpenType() throws IOException {
    if (open != null) {
      g.writeEndArray();
      ended.add(open.name());
      open = null;
    }
  }
}
