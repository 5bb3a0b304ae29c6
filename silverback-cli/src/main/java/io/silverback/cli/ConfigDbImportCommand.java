package io.silverback.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigException;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.Json;
import io.silverback.ops.config.DbImport;
import io.silverback.store.ImportSummary;
import io.silverback.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code silverback config db_import FILE}: validates the whole file, then upserts every entity in
 * one transaction. Any error rolls everything back.
 */
@Command(
    name = "db_import",
    mixinStandardHelpOptions = true,
    description = {
      "Import a declarative file (.yml, .yaml, .json) into the database.",
      "The whole file is validated first, then every entity is created or updated in ONE transaction:",
      "on any error nothing is written. Entities already in the database that the file does not name stay.",
      "Password hashes in files exported with _transform: false are stored as they are, never hashed again."
    },
    footer = {"", "Exit codes: 0 imported, 1 invalid file or database error (nothing written), 2 usage error."})
public final class ConfigDbImportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  NodeOptions node;

  @Parameters(index = "0", paramLabel = "FILE", description = "The declarative file.")
  Path file;

  @Option(names = "--dry-run", description = "Report what would be created and updated, and write nothing.")
  boolean dryRun;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
  boolean quiet;

  @Override
  public Integer call() {
    HeapGuard.check(file);
    Progress progress = new Progress(spec.commandLine().getErr(), quiet || json);
    progress.step("reading " + file);
    Config config;
    try {
      config = DbImport.read(file, EntityRegistry.standard()).config();
    } catch (DeclarativeConfigException e) {
      throw new IllegalStateException("failed importing " + file + ": " + e.getMessage(), e);
    }
    progress.step("validated " + config.size() + " entities; opening the database");
    try (StoreSession session = StoreSession.open(node.conf(), "config db_import")) {
      progress.step((dryRun ? "checking " : "writing ") + config.size() + " entities in one transaction");
      DbImport.Result result = DbImport.apply(session.store(), config, dryRun);
      print(result);
      return ExitCodes.OK;
    } catch (StoreException e) {
      String about = e.entityType().map(t -> t + ": ").orElse("");
      throw new IllegalStateException("failed importing " + file + " (nothing was written): " + about + e.getMessage(), e);
    }
  }

  private void print(DbImport.Result result) {
    PrintWriter out = spec.commandLine().getOut();
    ImportSummary s = result.summary();
    if (json) {
      ObjectNode body = Json.object().put("status", "ok").put("file", file.toString()).put("dry_run", dryRun)
          .put("entities", result.config().size()).put("unchanged", result.unchanged());
      counts(body.putObject("created"), s.created());
      counts(body.putObject("updated"), s.updated());
      out.println(body.toPrettyString());
    } else if (!quiet) {
      out.printf("%s: %d created, %d updated, %d unchanged%n", dryRun ? "dry run, nothing written" : "db_import successful",
          s.totalCreated(), s.totalUpdated(), result.unchanged());
      detail(out, "created", s.created());
      detail(out, "updated", s.updated());
    }
    out.flush();
  }

  private static void counts(ObjectNode node, Map<String, Integer> counts) {
    counts.forEach(node::put);
  }

  private static void detail(PrintWriter out, String what, Map<String, Integer> counts) {
    counts.forEach((type, n) -> out.printf("  %s %s: %d%n", what, type, n));
  }
}
