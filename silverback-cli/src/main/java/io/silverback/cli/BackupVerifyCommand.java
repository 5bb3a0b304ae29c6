package io.silverback.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.Json;
import io.silverback.ops.backup.BackupException;
import io.silverback.ops.backup.Bundle;
import io.silverback.ops.backup.DeepVerify;
import io.silverback.store.pg.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code silverback backup verify BUNDLE [--deep]}: checksums and manifest; with {@code --deep}, a real restore. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check a bundle: its manifest, the SHA-256 of every file and, when encrypted, every chunk's authentication tag.",
      "--deep also restores it into a throwaway database (silverback_verify_<random>) on the configured server or the",
      "embedded one, compares every entity with the declarative export, then makes the database read-only, starts a",
      "node on it (Admin API and proxy on ephemeral 127.0.0.1 ports, prefix in a temporary directory, every Admin API",
      "write refused with 405), reads every entity back through its Admin API, compares them too, checks that its",
      "router compiled every route, reports what differs (per entity id and field), and drops the database."
    },
    footer = {"", "Exit codes: 0 verified, 1 failure (e.g. the database for --deep is unreachable), 2 usage error,",
        "6 verification failed (the message names the first file that fails, or the differences)."})
public final class BackupVerifyCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  NodeOptions node;

  @Mixin
  BackupSecrets secrets;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle directory or .sbk archive.")
  Path path;

  @Option(names = "--deep", description = "Restore into a scratch database and compare every entity.")
  boolean deep;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
  boolean quiet;

  @Override
  public Integer call() {
    Progress progress = new Progress(spec.commandLine().getErr(), quiet || json);
    try (Bundle bundle = open()) {
      if (!deep) {
        progress.step("Checking every checksum");
        bundle.verify();
        return report(List.of(), null);
      }
      NodeConf conf = node.conf();
      try (Database db = Database.open(conf)) {
        EntityRegistry registry = EntityRegistry.standard();
        DeepVerify.Report report = new DeepVerify(registry).withNodeCheck(new ReadOnlyNodeCheck(registry))
            .verify(bundle, db, conf, progress::step);
        return report(report.differences(), report);
      }
    } catch (BackupException e) {
      return failed(e.getMessage());
    }
  }

  private Bundle open() {
    return secrets.open(path, node.conf(), System.getenv());
  }

  private int report(List<String> differences, DeepVerify.Report deepReport) {
    PrintWriter out = spec.commandLine().getOut();
    boolean ok = differences.isEmpty();
    if (json) {
      ObjectNode body = Json.object().put("status", ok ? "verified" : "failed").put("bundle", path.toString()).put("deep", deep);
      if (deepReport != null) {
        body.put("loaded", deepReport.loaded()).put("scratch_database", deepReport.scratchDatabase());
        deepReport.node().ifPresent(node -> body.put("node", node));
        ArrayNode list = body.putArray("differences");
        differences.forEach(list::add);
      }
      out.println(body.toPrettyString());
    } else if (ok && !quiet) {
      out.println("verified" + (deepReport == null ? "" : " (restored the " + deepReport.loaded() + " into "
          + deepReport.scratchDatabase() + ": " + BackupViews.counts(deepReport.counts()) + ", no difference"
          + deepReport.node().map(node -> "; " + node).orElse("") + ")"));
    } else if (!ok) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("Error: bundle " + path + " restores with differences from its declarative export:");
      differences.forEach(line -> err.println("  " + line));
      err.flush();
    }
    out.flush();
    return ok ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
  }

  private int failed(String message) {
    if (json) {
      PrintWriter out = spec.commandLine().getOut();
      out.println(Json.object().put("status", "failed").put("bundle", path.toString()).put("error", message).toPrettyString());
      out.flush();
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("Error: " + message);
    err.flush();
    return ExitCodes.VERIFICATION_FAILED;
  }
}
