package io.silverback.store.pg;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.declarative.StoredRecord;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.BiConsumer;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/**
 * Reads every entity with {@code COPY (SELECT entity ...) TO STDOUT}, one table after the other
 * inside the caller's repeatable-read transaction, so the result is one consistent snapshot even
 * while other nodes write. COPY streams rows without a cursor round trip per batch.
 */
final class SnapshotReader {
  private final Tables tables;
  private final EntityRegistry registry;

  SnapshotReader(Tables tables, EntityRegistry registry) {
    this.tables = tables;
    this.registry = registry;
  }

  Config read(Connection connection) throws SQLException {
    Config.Builder builder = Config.builder(registry);
    read(connection, (schema, fields) -> builder.put(new Entity(schema.name(), fields.path(schema.primaryKey()).asText(),
        fields)));
    return builder.build();
  }

  /** Hands every live entity to {@code sink}: type by type in dependency order, by primary key within a type. */
  void read(Connection connection, BiConsumer<EntitySchema, ObjectNode> sink) throws SQLException {
    rows(connection, sink, SnapshotReader::parse);
  }

  /**
   * As {@link #read(Connection, BiConsumer)}, handing each entity's JSON indexed, not parsed
   * ({@link StoredRecord}): for a writer that copies the stored bytes.
   */
  void readStored(Connection connection, BiConsumer<EntitySchema, StoredRecord> sink) throws SQLException {
    rows(connection, sink, SnapshotReader::stored);
  }

  /** Decodes one COPY text row. */
  @FunctionalInterface
  private interface RowDecoder<T> {
    T decode(byte[] row) throws SQLException;
  }

  private <T> void rows(Connection connection, BiConsumer<EntitySchema, T> sink, RowDecoder<T> decoder)
      throws SQLException {
    CopyManager api = connection.unwrap(PGConnection.class).getCopyAPI();
    for (Table t : tables.ordered()) {
      String sql = "COPY (SELECT \"entity\" FROM " + t.name() + " WHERE " + PostgresStore.liveCondition(t)
          + " ORDER BY " + t.orderKey() + ") TO STDOUT";
      CopyOut copy = api.copyOut(sql);
      byte[] row;
      while ((row = copy.readFromCopy()) != null) {
        sink.accept(t.schema(), decoder.decode(row));
      }
    }
  }

  private static StoredRecord stored(byte[] row) throws SQLException {
    int len = row.length > 0 && row[row.length - 1] == '\n' ? row.length - 1 : row.length;
    try {
      if (!escaped(row, len)) {
        return StoredRecord.of(row, 0, len);
      }
      String text = new String(row, 0, len, StandardCharsets.UTF_8);
      byte[] json = CopyText.unescape(text, 0, text.length()).getBytes(StandardCharsets.UTF_8);
      return StoredRecord.of(json, 0, json.length);
    } catch (IOException e) {
      throw new SQLException("unreadable entity row in a dump: " + e.getMessage(), e);
    }
  }

  /** Whether COPY escaped anything in the row: JSON escapes control characters, so only backslashes. */
  private static boolean escaped(byte[] row, int len) {
    for (int i = 0; i < len; i++) {
      if (row[i] == '\\') {
        return true;
      }
    }
    return false;
  }

  /** One COPY text row holding one JSON value; JSON escapes control characters, so only backslashes are escaped. */
  private static ObjectNode parse(byte[] row) throws SQLException {
    int len = row.length > 0 && row[row.length - 1] == '\n' ? row.length - 1 : row.length;
    try {
      if (!escaped(row, len)) {
        return (ObjectNode) Json.MAPPER.readTree(row, 0, len);
      }
      String text = new String(row, 0, len, StandardCharsets.UTF_8);
      return (ObjectNode) Json.MAPPER.readTree(CopyText.unescape(text, 0, text.length()));
    } catch (IOException e) {
      throw new SQLException("unreadable entity row in a dump: " + e.getMessage(), e);
    }
  }
}
