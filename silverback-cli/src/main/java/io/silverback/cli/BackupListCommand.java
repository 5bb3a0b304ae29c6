package io.silverback.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import io.silverback.ops.backup.BackupDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code silverback backup list}: the complete bundles of the backup directory, newest first. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {"List the complete bundles in the backup directory, newest first. Unfinished (.partial) or",
        "unreadable entries are reported apart and never counted as bundles."},
    footer = {"", "Exit codes: 0 listed, 1 failure, 2 usage error."})
public final class BackupListCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  NodeOptions node;

  @Option(names = "--dir", paramLabel = "DIR", description = "The backup directory. Default: backup_dir, else <prefix>/backups.")
  Path dir;

  @Option(names = "--json", description = "Print the list as JSON.")
  boolean json;

  @Override
  public Integer call() {
    BackupDirectory backups = new BackupDirectory(BackupViews.backupDir(dir, node.conf()));
    BackupDirectory.Listing listing = backups.list();
    Instant now = Instant.now();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode body = Json.object().put("dir", backups.path().toString());
      ArrayNode complete = body.putArray("bundles");
      listing.complete().forEach(e -> complete.add(BackupViews.summary(e.path(), e.manifest(), e.bytes())));
      ArrayNode incomplete = body.putArray("incomplete");
      listing.incomplete().forEach(i -> incomplete.add(Json.object().put("path", i.path().toString()).put("reason", i.reason())
          .put("partial", i.partial()).put("last_written", i.lastWritten().toString()).put("stale", i.stale(now))));
      out.println(body.toPrettyString());
    } else {
      if (listing.complete().isEmpty()) {
        out.println("no bundles in " + backups.path());
      } else {
        out.printf(Locale.ROOT, "%-50s %-20s %-8s %-8s %9s %9s %s%n", "BUNDLE", "CREATED", "MODE", "DUMP", "ENTITIES", "SIZE", "ENCRYPTED");
      }
      for (BackupDirectory.Entry e : listing.complete()) {
        out.printf(Locale.ROOT, "%-50s %-20s %-8s %-8s %9d %9s %s%n", e.path().getFileName(),
            e.manifest().createdAt().truncatedTo(ChronoUnit.SECONDS),
            e.manifest().mode(), e.manifest().dumpMethod() == null ? "-" : e.manifest().dumpMethod(),
            e.manifest().totalEntities(), BackupViews.size(e.bytes()), e.manifest().encrypted() ? "yes" : "no");
      }
      for (BackupDirectory.Incomplete i : listing.incomplete()) {
        out.println("not a complete bundle: " + i.path().getFileName() + " (" + i.reason() + (i.partial()
            ? "; last written " + i.lastWritten() + (i.stale(now) ? ", over an hour ago: 'backup prune' deletes it" : "") : "")
            + ")");
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
