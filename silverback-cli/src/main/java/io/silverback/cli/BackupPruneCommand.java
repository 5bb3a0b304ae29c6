package io.silverback.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import io.silverback.ops.backup.BackupDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code silverback backup prune --keep N}: deletes all but the N newest complete bundles. */
@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    description = {"Delete the complete bundles of the backup directory beyond the N newest. Unfinished (.partial)",
        "and unreadable entries are left alone."},
    footer = {"", "Exit codes: 0 pruned, 1 failure, 2 usage error."})
public final class BackupPruneCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  NodeOptions node;

  @Option(names = "--keep", paramLabel = "N", required = true, description = "How many of the newest bundles to keep.")
  int keep;

  @Option(names = "--dir", paramLabel = "DIR", description = "The backup directory. Default: backup_dir, else <prefix>/backups.")
  Path dir;

  @Option(names = "--json", description = "Print what was deleted as JSON.")
  boolean json;

  @Override
  public Integer call() {
    BackupDirectory backups = new BackupDirectory(BackupViews.backupDir(dir, node.conf()));
    List<BackupDirectory.Entry> deleted = backups.prune(keep);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode body = Json.object().put("dir", backups.path().toString()).put("kept", keep);
      ArrayNode list = body.putArray("deleted");
      deleted.forEach(e -> list.add(e.path().toString()));
      out.println(body.toPrettyString());
    } else {
      deleted.forEach(e -> out.println("deleted " + e.path()));
      out.println("kept the " + keep + " newest; deleted " + deleted.size());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
