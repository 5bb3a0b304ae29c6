package io.silverback.store.pg;

import io.silverback.store.StoreErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The schema this build's migrations create at one level, split as pg_dump splits a dump: the
 * tables alone ("pre-data"), and what goes on them once their rows are in ("post-data": each
 * table's indexes, the primary key and unique constraints attached to them, then the foreign
 * keys). A restore builds the tables, fills them and builds the rest, as pg_restore does. Building
 * the whole schema first costs the server about three times the tables alone (50 against 15 ms at
 * level 1), and the keys of the tables that get rows would then have to be dropped before the load.
 *
 * <p>The split of a level ships as the resource {@code db/restore/<level>.tsv}, generated from the
 * catalog of a schema the migrations built ({@link #read}). It names the SHA-256 of the scripts it
 * was made from and is used only when they match ({@link #shipped}): a migration edited or added
 * without a new split makes a restore build the whole schema, never a wrong one. {@code
 * SchemaSectionsTest} checks that each shipped split is current and rebuilds the catalog the
 * migrations make. The catalog reader refuses what it cannot reproduce (sequences, views,
 * functions, triggers, types, rules, identity or generated columns, privileges, storage
 * settings...): a level whose schema has one ships no split and is always built whole. Comments
 * are not carried.
 *
 * <p>Every statement names its schema as {@link #SCHEMA}, replaced by {@link #in}. The resource
 * has a line per table, key and foreign key, its fields separated by tabs ({@link #toText}): read
 * at the start of a restore, it costs no JSON binding.
 *
 * @param level the migration level, e.g. {@code 1}
 * @param scriptsSha256 the SHA-256 of the scripts up to that level ({@link #sha256})
 * @param tables the tables in name order, each with its columns, defaults, NOT NULL and CHECK constraints
 * @param keys each table's index builds, primary key first, each with the constraint it carries
 * @param foreignKeys the foreign keys, each added with its check
 */
public record SchemaSections(String level, String scriptsSha256, List<Table> tables, List<Key> keys,
    List<ForeignKey> foreignKeys) {
  /** The schema's name in every statement. */
  public static final String SCHEMA = "${schema}";
  /** Where the split of a level ships. */
  static final String RESOURCE = "db/restore/%s.tsv";
  /** The splits read so far, by level and scripts' SHA-256; a resource does not change while the JVM runs. */
  private static final Map<String, Optional<SchemaSections>> SHIPPED = new ConcurrentHashMap<>();

  public SchemaSections {
    tables = List.copyOf(tables);
    keys = List.copyOf(keys);
    foreignKeys = List.copyOf(foreignKeys);
  }

  /**
   * One table without keys or indexes.
   *
   * @param name its name, unquoted
   * @param create the {@code CREATE TABLE} statement
   */
  public record Table(String name, String create) {}

  /**
   * One index of a table.
   *
   * @param table the table's name, unquoted
   * @param name the index's name as SQL writes it (quoted where needed); a primary key or unique
   *     constraint has the name of its index
   * @param build the {@code CREATE [UNIQUE] INDEX} statement
   * @param attach for the index of a primary key or unique constraint, the {@code ALTER TABLE ... ADD
   *     CONSTRAINT ... USING INDEX} that makes it one (with its deferrability); else null
   */
  public record Key(String table, String name, String build, String attach) {
    /** The statement that takes it off again. */
    public String drop() {
      return attach != null ? "ALTER TABLE " + qualified(table) + " DROP CONSTRAINT " + name
          : "DROP INDEX " + SCHEMA + "." + name;
    }
  }

  /**
   * One foreign key.
   *
   * @param table the referencing table's name, unquoted
   * @param name the constraint's name as SQL writes it
   * @param references the referenced table's name, unquoted
   * @param build the {@code ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY} statement
   */
  public record ForeignKey(String table, String name, String references, String build) {
    /** The statement that takes it off again. */
    public String drop() {
      return "ALTER TABLE " + qualified(table) + " DROP CONSTRAINT " + name;
    }
  }

  /** {@code statement} for the schema {@code schema} (unquoted). */
  public static String in(String statement, String schema) {
    return statement.replace(SCHEMA, quote(schema));
  }

  /**
   * The split shipped for {@code level}, when it was made from scripts with SHA-256 {@code
   * scriptsSha256}; empty when none ships or the scripts changed since.
   *
   * @throws io.silverback.store.StoreException when the shipped resource cannot be read
   */
  static Optional<SchemaSections> shipped(String level, String scriptsSha256) {
    return SHIPPED.computeIfAbsent(level + "@" + scriptsSha256, k -> {
      String resource = RESOURCE.formatted(level);
      try (InputStream in = SchemaSections.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          return Optional.empty();
        }
        SchemaSections s = fromText(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        return s.level().equals(level) && s.scriptsSha256().equals(scriptsSha256) ? Optional.of(s) : Optional.empty();
      } catch (IOException e) {
        throw StoreErrors.databaseError("cannot read " + resource + ": " + e.getMessage(), e);
      }
    });
  }

  /** The SHA-256 of {@code scripts} (names and texts, in order), as a split records it. */
  static String sha256(List<MigrationScripts.Script> scripts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (MigrationScripts.Script s : scripts) {
        digest.update((s.name() + "\n" + s.sql().get() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /**
   * This split as its resource holds it: a {@code level} and a {@code scripts_sha256} line, then a
   * line per table ({@code table}, name, statement), key ({@code key}, table, name, build, attach
   * or nothing) and foreign key ({@code foreign_key}, table, name, referenced table, statement).
   */
  public String toText() {
    StringBuilder out = new StringBuilder();
    line(out, "level", level);
    line(out, "scripts_sha256", scriptsSha256);
    tables.forEach(t -> line(out, "table", t.name(), t.create()));
    keys.forEach(k -> line(out, "key", k.table(), k.name(), k.build(), k.attach() == null ? "" : k.attach()));
    foreignKeys.forEach(f -> line(out, "foreign_key", f.table(), f.name(), f.references(), f.build()));
    return out.toString();
  }

  private static void line(StringBuilder out, String... fields) {
    for (String f : fields) {
      if (f.indexOf('\t') >= 0 || f.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("a split's field holds a tab or a line break: " + f);
      }
    }
    out.append(String.join("\t", fields)).append('\n');
  }

  /** The split {@code text} holds ({@link #toText}); {@code where} names it in errors. */
  static SchemaSections fromText(String text, String where) {
    String level = null;
    String sha = null;
    List<Table> tables = new ArrayList<>();
    List<Key> keys = new ArrayList<>();
    List<ForeignKey> foreignKeys = new ArrayList<>();
    int n = 0;
    for (String line : text.split("\n")) {
      n++;
      String[] f = line.split("\t", -1);
      switch (f[0] + "/" + f.length) {
        case "level/2" -> level = f[1];
        case "scripts_sha256/2" -> sha = f[1];
        case "table/3" -> tables.add(new Table(f[1], f[2]));
        case "key/5" -> keys.add(new Key(f[1], f[2], f[3], f[4].isEmpty() ? null : f[4]));
        case "foreign_key/5" -> foreignKeys.add(new ForeignKey(f[1], f[2], f[3], f[4]));
        default -> throw StoreErrors.databaseError(where + " line " + n + " is not a line of a split: " + line, null);
      }
    }
    if (level == null || sha == null) {
      throw StoreErrors.databaseError(where + " names no level or scripts_sha256", null);
    }
    return new SchemaSections(level, sha, tables, keys, foreignKeys);
  }

  /**
   * Reads the split of {@code schema} from the catalog, over {@code c}.
   *
   * @param level the level the migrations built it at
   * @param scriptsSha256 the SHA-256 of those migrations' scripts
   * @throws UnsupportedOperationException naming the object when the schema holds something the
   *     split does not reproduce
   */
  public static SchemaSections read(Connection c, String schema, String level, String scriptsSha256)
      throws SQLException {
    SchemaCatalog catalog = new SchemaCatalog(c, schema);
    catalog.refuseUnsupported();
    return new SchemaSections(level, scriptsSha256, catalog.tables(), catalog.keys(), catalog.foreignKeys());
  }

  /**
   * The indexes, keys and foreign keys of {@code schema} as the catalog holds them, whatever else
   * it holds: what a restore takes off a schema it built whole, and puts back after the rows.
   */
  public static SchemaSections keysOf(Connection c, String schema) throws SQLException {
    SchemaCatalog catalog = new SchemaCatalog(c, schema);
    return new SchemaSections("", "", List.of(), catalog.keys(), catalog.foreignKeys());
  }

  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** {@code table} (unquoted) in the schema of the statements. */
  private static String qualified(String table) {
    return SCHEMA + "." + quote(table);
  }

  /** The catalog queries behind {@link #read}. */
  private static final class SchemaCatalog {
    /** Each query: what it finds, named by its first column. */
    private static final String[][] UNSUPPORTED = {
        {"a relation that is not a table or an index (sequence, view, ...)",
            "SELECT relname FROM pg_class WHERE relnamespace = ?::regnamespace AND relkind NOT IN ('r', 'i')"},
        {"a table or index with storage options, a tablespace, privileges, row security, a replica identity,"
            + " a persistence other than logged, or inheritance",
            "SELECT relname FROM pg_class WHERE relnamespace = ?::regnamespace AND (reloptions IS NOT NULL"
                + " OR reltablespace <> 0 OR relacl IS NOT NULL OR relrowsecurity OR relispartition"
                + " OR relpersistence <> 'p' OR (relkind = 'r' AND relreplident <> 'd') OR relhassubclass"
                + " OR EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = pg_class.oid))"},
        {"a column with an identity, a generation, a collation, storage, compression or statistics"
            + " setting, or privileges",
            "SELECT t.relname || '.' || a.attname FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid"
                + " JOIN pg_type y ON y.oid = a.atttypid WHERE t.relnamespace = ?::regnamespace"
                + " AND t.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND (a.attidentity <> ''"
                + " OR a.attgenerated <> '' OR a.attcollation <> y.typcollation OR a.attstorage <> y.typstorage"
                + " OR a.attcompression <> '' OR a.attstattarget <> -1 OR a.attacl IS NOT NULL)"},
        {"a clustered index", "SELECT t.relname FROM pg_index i JOIN pg_class t ON t.oid = i.indexrelid"
            + " WHERE t.relnamespace = ?::regnamespace AND i.indisclustered"},
        {"a trigger", "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            + " WHERE c.relnamespace = ?::regnamespace AND NOT t.tgisinternal"},
        {"a rule", "SELECT r.rulename FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class"
            + " WHERE c.relnamespace = ?::regnamespace"},
        {"a policy", "SELECT p.polname FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid"
            + " WHERE c.relnamespace = ?::regnamespace"},
        {"a function or procedure", "SELECT proname FROM pg_proc WHERE pronamespace = ?::regnamespace"},
        {"a type of its own (enum, domain, range)",
            "SELECT typname FROM pg_type WHERE typnamespace = ?::regnamespace AND typtype IN ('d', 'e', 'r', 'm')"},
        {"an extended statistics object", "SELECT stxname FROM pg_statistic_ext WHERE stxnamespace = ?::regnamespace"},
        {"a constraint other than a primary key, unique, foreign key or check",
            "SELECT conname FROM pg_constraint WHERE connamespace = ?::regnamespace"
                + " AND contype NOT IN ('p', 'u', 'f', 'c')"},
    };

    private final Connection c;
    private final String schema;
    /** How {@code pg_get_indexdef} and {@code pg_get_constraintdef} qualify the schema's tables. */
    private final String qualifier;

    SchemaCatalog(Connection c, String schema) throws SQLException {
      this.c = c;
      this.schema = schema;
      try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(?)")) {
        ps.setString(1, schema);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          this.qualifier = rs.getString(1) + ".";
        }
      }
    }

    void refuseUnsupported() throws SQLException {
      for (String[] check : UNSUPPORTED) {
        List<String> found = strings(check[1]);
        if (!found.isEmpty()) {
          throw new UnsupportedOperationException("schema '" + schema + "' holds " + check[0] + ": "
              + String.join(", ", found) + "; its split cannot reproduce it");
        }
      }
    }

    List<Table> tables() throws SQLException {
      List<Table> out = new ArrayList<>();
      for (String table : strings("SELECT relname FROM pg_class WHERE relnamespace = ?::regnamespace"
          + " AND relkind = 'r' ORDER BY relname")) {
        List<String> parts = new ArrayList<>();
        String columns = "SELECT quote_ident(a.attname), format_type(a.atttypid, a.atttypmod),"
            + " pg_get_expr(d.adbin, d.adrelid), a.attnotnull FROM pg_attribute a"
            + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
            + " WHERE a.attrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND a.attnum > 0"
            + " AND NOT a.attisdropped ORDER BY a.attnum";
        forEachRow(columns, rs -> parts.add(rs.getString(1) + " " + rs.getString(2)
            + (rs.getString(3) == null ? "" : " DEFAULT " + rs.getString(3)) + (rs.getBoolean(4) ? " NOT NULL" : "")),
            schema, table);
        String checks = "SELECT quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint"
            + " WHERE conrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND contype = 'c'"
            + " ORDER BY conname";
        forEachRow(checks, rs -> parts.add("CONSTRAINT " + rs.getString(1) + " " + rs.getString(2)), schema, table);
        out.add(new Table(table, "CREATE TABLE " + qualified(table) + " (" + String.join(", ", parts) + ")"));
      }
      return out;
    }

    /** Per table, the primary key's index, the unique constraints' and the other indexes, each by name. */
    List<Key> keys() throws SQLException {
      List<Key> out = new ArrayList<>();
      String sql = "SELECT t.relname, pg_get_indexdef(i.indexrelid), quote_ident(c.conname), c.contype,"
          + " c.condeferrable, c.condeferred, quote_ident(x.relname) FROM pg_index i"
          + " JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class x ON x.oid = i.indexrelid"
          + " LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid"
          + " AND c.contype IN ('p', 'u') WHERE t.relnamespace = ?::regnamespace AND NOT EXISTS (SELECT 1"
          + " FROM pg_constraint o WHERE o.conindid = i.indexrelid AND o.conrelid = i.indrelid"
          + " AND o.contype NOT IN ('p', 'u')) ORDER BY t.relname, c.contype IS NULL, c.contype <> 'p', x.relname";
      forEachRow(sql, rs -> {
        String attach = null;
        if (rs.getString(3) != null) {
          String kind = rs.getString(4).equals("p") ? " PRIMARY KEY" : " UNIQUE";
          String deferrable = !rs.getBoolean(5) ? "" : rs.getBoolean(6) ? " DEFERRABLE INITIALLY DEFERRED"
              : " DEFERRABLE";
          attach = "ALTER TABLE " + qualified(rs.getString(1)) + " ADD CONSTRAINT " + rs.getString(3) + kind
              + " USING INDEX " + rs.getString(7) + deferrable;
        }
        out.add(new Key(rs.getString(1), rs.getString(7), placeheld(rs.getString(2)), attach));
      }, quote(schema));
      return out;
    }

    List<ForeignKey> foreignKeys() throws SQLException {
      List<ForeignKey> out = new ArrayList<>();
      String sql = "SELECT t.relname, r.relname, quote_ident(c.conname), pg_get_constraintdef(c.oid)"
          + " FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid"
          + " WHERE c.connamespace = ?::regnamespace AND c.contype = 'f' ORDER BY t.relname, c.conname";
      forEachRow(sql, rs -> out.add(new ForeignKey(rs.getString(1), rs.getString(3), rs.getString(2), "ALTER TABLE "
          + qualified(rs.getString(1)) + " ADD CONSTRAINT " + rs.getString(3) + " " + placeheld(rs.getString(4)))),
          quote(schema));
      return out;
    }

    /**
     * A catalog definition with the schema's name, as {@code pg_get_indexdef} and {@code
     * pg_get_constraintdef} qualify tables outside the search path, turned into {@link #SCHEMA}.
     */
    private String placeheld(String definition) {
      return definition.replace(qualifier, SCHEMA + ".");
    }

    /** One row of a catalog query. */
    @FunctionalInterface
    private interface Row {
      void read(ResultSet rs) throws SQLException;
    }

    /** Runs {@code sql} with {@code params}, reading each row with {@code row}. */
    private void forEachRow(String sql, Row row, String... params) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < params.length; i++) {
          ps.setString(i + 1, params[i]);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            row.read(rs);
          }
        }
      }
    }

    private List<String> strings(String sql) throws SQLException {
      List<String> out = new ArrayList<>();
      forEachRow(sql, rs -> out.add(rs.getString(1)), quote(schema));
      return out;
    }
  }
}
