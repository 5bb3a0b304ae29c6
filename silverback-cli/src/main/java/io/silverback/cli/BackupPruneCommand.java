package io.silverback.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import io.silverback.ops.backup.BackupDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code silverback backup prune [--keep N] [--partial]}: deletes all but the N newest complete
 * bundles, and the {@code .partial} leftovers of killed backups.
 */
@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    description = {"Delete the complete bundles of the backup directory beyond the N newest, and the unfinished",
        "(.partial) leftovers of killed backups: those not written for an hour (a running backup writes all the time),",
        "or with --partial every one. Unreadable entries are left alone."},
    footer = {"", "Exit codes: 0 pruned, 1 failure, 2 usage error."})
public final class BackupPruneCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  NodeOptions node;

  @Option(names = "--keep", paramLabel = "N", description = "How many of the newest bundles to keep.")
  Integer keep;

  @Option(names = "--partial", description = "Delete every unfinished (.partial) entry, however recent: only when no"
      + " backup is running.")
  boolean partial;

  @Option(names = "--dir", paramLabel = "DIR", description = "The backup directory. Default: backup_dir, else <prefix>/backups.")
  Path dir;

  @Option(names = "--json", description = "Print what was deleted as JSON.")
  boolean json;

  @Override
  public Integer call() {
    if (keep == null && !partial) {
      throw new ParameterException(spec.commandLine(), "give --keep N, --partial, or both");
    }
    BackupDirectory backups = new BackupDirectory(BackupViews.backupDir(dir, node.conf()));
    Instant now = Instant.now();
    List<BackupDirectory.Incomplete> leftovers = backups.prunePartial(partial ? now : now.minus(BackupDirectory.STALE));
    List<BackupDirectory.Entry> deleted = keep == null ? List.of() : backups.prune(keep);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode body = Json.object().put("dir", backups.path().toString());
      if (keep != null) {
        body.put("kept", keep);
      }
      ArrayNode list = body.putArray("deleted");
      deleted.forEach(e -> list.add(e.path().toString()));
      ArrayNode unfinished = body.putArray("deleted_partial");
      leftovers.forEach(e -> unfinished.add(e.path().toString()));
      out.println(body.toPrettyString());
    } else {
      leftovers.forEach(e -> out.println("deleted unfinished " + e.path() + " (last written " + e.lastWritten() + ")"));
      deleted.forEach(e -> out.println("deleted " + e.path()));
      out.println((keep == null ? "" : "kept the " + keep + " newest; deleted " + deleted.size() + "; ")
          + "deleted " + leftovers.size() + " unfinished");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
