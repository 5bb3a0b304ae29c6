package io.silverback.ops.dump;

import io.silverback.store.pg.PgSettings;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code pg_dump -F d -Z 0 -j <jobs> --snapshot=<id>} of the Silverback schema into {@code pg_dump/}:
 * the archive PostgreSQL's own tools restore, uncompressed because the bundle compresses it. The
 * password travels in {@code PGPASSWORD}, never on the command line.
 */
final class PgDumpRun {
  private PgDumpRun() {}

  static DumpInfo write(DatabaseSnapshot snapshot, PgTool tool, Map<String, List<String>> tables, Path dir, int jobs,
      Consumer<String> notices) throws SQLException {
    PgSettings s = snapshot.database().settings();
    String schema = snapshot.database().schema();
    List<String> command = new ArrayList<>(List.of(tool.path().toString(), "--format=directory", "--compress=0",
        "--jobs=" + jobs, "--snapshot=" + snapshot.snapshotId(), "--no-owner", "--no-privileges",
        "--schema=" + SchemaTables.quote(schema), "--file=" + dir.resolve(DumpLayout.PG_DUMP)));
    command.addAll(PgClient.connectionArguments(s));
    PgClient.run(command, s, "pg_dump of " + snapshot.database(), notices);
    List<DumpLayout.TableDump> dumped = new ArrayList<>();
    Map<String, Long> rows = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> t : tables.entrySet()) {
      long n = SchemaTables.count(snapshot.connection(), schema, t.getKey());
      dumped.add(new DumpLayout.TableDump(t.getKey(), t.getValue(), n, null));
      rows.put(t.getKey(), n);
    }
    new DumpLayout(DumpLayout.PG_DUMP, snapshot.schemaLevel(), snapshot.serverVersion(), schema, dumped).write(dir);
    return new DumpInfo(DumpLayout.PG_DUMP, tool.version(), null, rows);
  }
}
