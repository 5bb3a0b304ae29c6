package io.silverback.ops.dump;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The description of a dump directory, {@code dump.json}: how it was taken, the schema level and
 * server it came from, and its tables with their column lists and row counts. Builtin dumps hold
 * one COPY file per table under {@code tables/} (binary, marked {@code "format": "binary"};
 * a table without the field is COPY text); pg_dump dumps hold pg_dump's directory format under
 * {@code pg_dump/}, whose data files are COPY text.
 *
 * @param method {@code "builtin"} or {@code "pg_dump"}
 * @param schemaLevel the latest migration applied when the dump was taken
 * @param serverVersion the PostgreSQL server version, e.g. {@code "15.14"}
 * @param schema the PostgreSQL schema the tables were read from
 * @param tables the tables, in load order
 */
record DumpLayout(String method, String schemaLevel, String serverVersion, String schema, List<TableDump> tables) {
  static final String FILE = "dump.json";
  static final String TABLES = "tables";
  static final String PG_DUMP = "pg_dump";

  /** COPY's text format: what pg_dump writes, and builtin dumps before binary. */
  static final String TEXT = "text";
  /** COPY's binary format: what builtin dumps write. */
  static final String BINARY = "binary";

  /**
   * One dumped table.
   *
   * @param file the COPY file relative to the dump directory, or null in a pg_dump dump
   * @param format the COPY format of {@code file}: {@link #TEXT} or {@link #BINARY}
   */
  record TableDump(String name, List<String> columns, long rows, String file, String format) {
    /** A table dumped as COPY text. */
    TableDump(String name, List<String> columns, long rows, String file) {
      this(name, columns, rows, file, TEXT);
    }

    /** Whether {@link #file} is COPY binary. */
    boolean binary() {
      return BINARY.equals(format);
    }

    /** The same table with {@code rows} rows: for a test that damages a dump. */
    TableDump withRows(long rows) {
      return new TableDump(name, columns, rows, file, format);
    }
  }

  DumpLayout {
    tables = List.copyOf(tables);
  }

  /** Writes (or replaces) the {@code dump.json} of {@code dir}. */
  void write(Path dir) {
    try {
      Files.write(dir.resolve(FILE), bytes());
    } catch (IOException e) {
      throw new DumpException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code dump.json} into {@code target}. */
  void write(DumpTarget target) {
    try {
      target.write(FILE, out -> out.write(bytes()));
    } catch (IOException e) {
      throw new DumpException("cannot write " + FILE + " of the dump: " + e.getMessage(), e);
    }
  }

  private byte[] bytes() throws IOException {
    ObjectNode root = Json.MAPPER.createObjectNode().put("method", method).put("schema_level", schemaLevel)
        .put("server_version", serverVersion).put("schema", schema);
    ArrayNode list = root.putArray("tables");
    for (TableDump t : tables) {
      ObjectNode n = list.addObject().put("name", t.name()).put("rows", t.rows());
      t.columns().forEach(n.putArray("columns")::add);
      if (t.file() != null) {
        n.put("file", t.file());
      }
      if (t.binary()) {
        n.put("format", BINARY);
      }
    }
    return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
  }

  /**
   * Reads the {@code dump.json} of {@code dir}.
   *
   * @throws DumpException when it is missing or not a dump description
   */
  static DumpLayout read(Path dir) {
    return read(DumpFiles.in(dir));
  }

  /**
   * Reads the {@code dump.json} of {@code files}.
   *
   * @throws DumpException when it is missing or not a dump description
   */
  static DumpLayout read(DumpFiles files) {
    String file = files.where() + "/" + FILE;
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      files.copyTo(FILE, bytes);
      JsonNode root = Json.MAPPER.readTree(bytes.toByteArray());
      List<TableDump> tables = new ArrayList<>();
      for (JsonNode t : root.path("tables")) {
        List<String> columns = new ArrayList<>();
        t.path("columns").forEach(c -> columns.add(c.asText()));
        String format = t.path("format").asText(TEXT);
        if (!format.equals(TEXT) && !format.equals(BINARY)) {
          throw new DumpException(file + ": table " + t.path("name").asText() + " has format '" + format
              + "', which this Silverback cannot load (text or binary)");
        }
        tables.add(new TableDump(t.path("name").asText(), columns, t.path("rows").asLong(), t.path("file").textValue(),
            format));
      }
      String method = root.path("method").asText();
      if (!method.equals("builtin") && !method.equals(PG_DUMP) || root.path("schema_level").asText().isEmpty()) {
        throw new DumpException(file + " is not a Silverback dump description (method '" + method + "')");
      }
      return new DumpLayout(method, root.path("schema_level").asText(), root.path("server_version").asText(),
          root.path("schema").asText(), tables);
    } catch (NoSuchFileException e) {
      throw new DumpException(files.where() + " is not a dump directory: " + FILE + " is missing", e);
    } catch (IOException e) {
      throw new DumpException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
