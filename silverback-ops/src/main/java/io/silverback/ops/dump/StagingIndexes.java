package io.silverback.ops.dump;

import io.silverback.store.pg.SchemaSections;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The indexes and constraints of the private restore schema that stand in the way of its load,
 * taken off before its tables are filled and put back after, as pg_restore does: one index build
 * and one foreign-key check per table is several times faster than maintaining every index (GIN
 * on tags included) and queueing a deferred check per row. Only the tables that receive rows
 * lose theirs, with every foreign key from or to them; an empty table keeps its keys, which cost
 * nothing to keep and would cost a build to put back. The definitions come from the catalog
 * ({@code pg_get_constraintdef}, {@code pg_get_indexdef}, read by {@link SchemaSections#keysOf})
 * of the schema the migrations built, so they are exactly what the migrations create.
 *
 * <p>When this build ships the split of the level ({@link SchemaSections}), the private schema is
 * built as tables alone and nothing is taken off: the split's definitions, read from the same
 * catalog when the build was made, put every table's keys on, the empty tables' while the others
 * load.
 *
 * <p>A primary key or unique constraint comes back in two steps, as its index and then the
 * constraint on it ({@code ADD CONSTRAINT ... USING INDEX}, with its deferrability): an index build
 * takes a lock that other builds on the same table share, where {@code ADD CONSTRAINT ... UNIQUE
 * (...)} would take one that excludes them. The builds of one table can then run on several
 * connections at once ({@link LoadQueue}), and the constraints, which only write the catalog, are
 * attached once all of them are done. The catalog ends up as the migrations left it.
 */
final class StagingIndexes {
  /**
   * One index or constraint on the table named {@code table} (unqualified): the statement that
   * drops it (null when it was never built), the one that builds it back (an index; a foreign key
   * with its check), and for a primary key or unique constraint the one that attaches it to its
   * rebuilt index (else null).
   */
  private record Definition(String table, String drop, String build, String attach, boolean foreign) {}

  /**
   * What puts one table's keys and indexes back: the index builds, which may run at once, then the
   * constraints attached to them, in one transaction.
   */
  record TableKeys(List<String> builds, List<String> attaches) {}

  private final List<Definition> definitions;
  /** What builds the keys of the tables that get no rows, when nothing built them yet; else empty. */
  private final List<String> emptyTables;

  private StagingIndexes(List<Definition> definitions, List<String> emptyTables) {
    this.definitions = definitions;
    this.emptyTables = emptyTables;
  }

  /**
   * The keys and indexes of a private schema built as tables alone from a split ({@link
   * SchemaSections}), named for {@code schema}: nothing to drop, every table's to build. The tables
   * in {@code loaded} get theirs after their rows ({@link #keysByTable}), the others at once ({@link
   * #emptyTables}), and every foreign key at the end.
   */
  static StagingIndexes of(SchemaSections sections, String schema, Set<String> loaded) {
    List<Definition> out = new ArrayList<>();
    List<String> builds = new ArrayList<>();
    List<String> attaches = new ArrayList<>();
    for (SchemaSections.Key k : sections.keys()) {
      if (loaded.contains(k.table())) {
        out.add(definition(k, schema, false));
      } else {
        builds.add(SchemaSections.in(k.build(), schema));
        if (k.attach() != null) {
          attaches.add(SchemaSections.in(k.attach(), schema));
        }
      }
    }
    for (SchemaSections.ForeignKey f : sections.foreignKeys()) {
      out.add(definition(f, schema, false));
    }
    builds.addAll(attaches);
    return new StagingIndexes(out, List.copyOf(builds));
  }

  /**
   * Reads the primary key, unique constraints and other indexes of the tables of {@code schema}
   * named in {@code loaded}, and every foreign key from or to them, from the catalog of the schema
   * the migrations built whole ({@link SchemaSections#keysOf}).
   */
  static StagingIndexes of(Connection c, String schema, Set<String> loaded) throws SQLException {
    SchemaSections built = SchemaSections.keysOf(c, schema);
    List<Definition> out = new ArrayList<>();
    for (SchemaSections.Key k : built.keys()) {
      if (loaded.contains(k.table())) {
        out.add(definition(k, schema, true));
      }
    }
    for (SchemaSections.ForeignKey f : built.foreignKeys()) {
      if (loaded.contains(f.table()) || loaded.contains(f.references())) {
        out.add(definition(f, schema, true));
      }
    }
    return new StagingIndexes(out, List.of());
  }

  private static Definition definition(SchemaSections.Key k, String schema, boolean built) {
    return new Definition(k.table(), built ? SchemaSections.in(k.drop(), schema) : null,
        SchemaSections.in(k.build(), schema), k.attach() == null ? null : SchemaSections.in(k.attach(), schema), false);
  }

  private static Definition definition(SchemaSections.ForeignKey f, String schema, boolean built) {
    return new Definition(f.table(), built ? SchemaSections.in(f.drop(), schema) : null,
        SchemaSections.in(f.build(), schema), null, true);
  }

  /**
   * Drops them all, foreign keys first since they depend on the keys they reference, in one round
   * trip (about sixty statements: one at a time they cost a restore 20 ms).
   */
  void drop(Connection c) throws SQLException {
    List<String> drops = new ArrayList<>();
    definitions.stream().filter(d -> d.foreign() && d.drop() != null).forEach(d -> drops.add(d.drop()));
    definitions.stream().filter(d -> !d.foreign() && d.drop() != null).forEach(d -> drops.add(d.drop()));
    if (!drops.isEmpty()) {
      DatabaseLoad.execute(c, String.join(";\n", drops));
    }
  }

  /** What rebuilds the keys and indexes of each table, by table name (unqualified); primary keys first. */
  Map<String, TableKeys> keysByTable() {
    Map<String, TableKeys> out = new LinkedHashMap<>();
    for (Definition d : definitions.stream().filter(d -> !d.foreign()).toList()) {
      TableKeys keys = out.computeIfAbsent(d.table(), t -> new TableKeys(new ArrayList<>(), new ArrayList<>()));
      keys.builds().add(d.build());
      if (d.attach() != null) {
        keys.attaches().add(d.attach());
      }
    }
    return out;
  }

  /**
   * The index builds, then the constraints, of the tables that get no rows, when the schema was
   * built without them (from a split); empty otherwise, since such tables then keep theirs.
   */
  List<String> emptyTables() {
    return emptyTables;
  }

  /** The statements that put the foreign keys back (each checks its table in one pass). */
  List<String> foreignKeys() {
    return definitions.stream().filter(Definition::foreign).map(Definition::build).toList();
  }
}
