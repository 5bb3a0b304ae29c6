package io.silverback.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.Json;
import io.silverback.gateway.node.Prefix;
import io.silverback.ops.backup.Bundle;
import io.silverback.ops.backup.ConfSecrets;
import io.silverback.ops.dump.DatabaseLoad;
import io.silverback.ops.restore.BackupRestore;
import io.silverback.ops.restore.RestoreMode;
import io.silverback.ops.restore.RestoreResult;
import io.silverback.store.pg.Database;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code silverback backup restore BUNDLE}: every restore path of Kong's upgrade guide, from one
 * verified bundle. The whole bundle is verified before anything is written; the target is replaced
 * whole or left as it was; running nodes reload (through the change feed in database mode, and by
 * SIGHUP to the node of the prefix).
 */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Restore a backup bundle (directory or .sbk archive), after verifying every file of it.",
      "  native       load the database dump into the configured database (replacing it whole),"
          + " then migrate forward when the bundle is older than this Silverback;",
      "  declarative  bootstrap or migrate the configured database and import the declarative export"
          + " in ONE transaction;",
      "  dbless       write the declarative export to declarative_config (or --target FILE), or POST it"
          + " to a running DB-less node (--target http://127.0.0.1:8001).",
      "A database holding entities is replaced only after confirmation (a prompt, or --yes off a terminal).",
      "A failed restore leaves the target as it was."
    },
    footer = {"", "Exit codes: 0 restored, 1 refused or failed (nothing changed), 2 usage error."})
public final class BackupRestoreCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  NodeOptions node;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle directory or .sbk archive.")
  Path bundle;

  @Option(names = "--mode", paramLabel = "native|declarative|dbless",
      description = "How to restore. Default: native with a database when the bundle holds a dump,"
          + " declarative with a database when not, dbless with database = off.")
  String mode;

  @Option(names = "--target", paramLabel = "FILE|URL",
      description = "dbless only: the file to write (default declarative_config) or the Admin API to POST /config to.")
  String target;

  @Option(names = {"-y", "--yes"}, description = "Replace a database that holds entities without asking.")
  boolean yes;

  @Mixin
  BackupSecrets secrets;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
  boolean quiet;

  @Override
  public Integer call() {
    NodeConf conf = node.conf();
    boolean dbless = "off".equals(conf.get("database"));
    Progress progress = new Progress(spec.commandLine().getErr(), quiet || json);
    progress.step("Opening " + bundle);
    boolean intoDatabase = !dbless && target == null && !RestoreMode.DBLESS.label().equals(mode);
    // Every entity and plugin schema is built while the database connects and the bundle opens,
    // unless the restore is native: a native load reads no entity (its result names the entity
    // tables), so it builds none; a bundle without a dump then restores declaratively, which
    // builds them when it reads its export.
    boolean nativeLoad = intoDatabase && (mode == null || RestoreMode.NATIVE.label().equals(mode));
    Supplier<EntityRegistry> schemas = nativeLoad ? EntityRegistry::standard
        : CompletableFuture.supplyAsync(EntityRegistry::standard)::join;
    try (OpeningDatabase db = intoDatabase ? OpeningDatabase.start(conf) : null;
         // Without a prompt to wait for, the load begins while the bundle opens.
         EarlyLoad early = nativeLoad && (yes || System.console() == null)
             ? EarlyLoad.start(db, yes, progress::step) : null;
         Bundle b = open()) {
      RestoreMode chosen = mode(b, dbless);
      BackupRestore restore = new BackupRestore(schemas, progress::step);
      RestoreResult result = switch (chosen) {
        case NATIVE, DECLARATIVE -> intoDatabase(restore, b, chosen, conf, dbless, db, early);
        case DBLESS -> dbless(restore, b, conf);
      };
      progress.step("Restored");
      String reloaded = reloadLocalNode(conf, result);
      print(result, reloaded, ConfSecrets.redactedKeys(b.manifestFile().notes()));
      return ExitCodes.OK;
    }
  }

  /**
   * @param opening the configured database, opening since the command started (null with database = off or --target)
   * @param early the native load begun while the bundle opened, or null
   */
  private RestoreResult intoDatabase(BackupRestore restore, Bundle b, RestoreMode chosen, NodeConf conf,
      boolean dbless, OpeningDatabase opening, EarlyLoad early) {
    if (dbless) {
      throw new IllegalStateException("--mode " + chosen.label() + " restores into a database, and database = off (from "
          + conf.source("database") + "); use --mode dbless");
    }
    if (target != null) {
      throw new IllegalStateException("--target is for --mode dbless; --mode " + chosen.label()
          + " restores into the configured database (pg_* settings)");
    }
    Database db = opening.database();
    if (early != null && chosen != RestoreMode.NATIVE) {
      early.close();
    }
    boolean replace = yes || confirmed(db);
    return chosen == RestoreMode.NATIVE
        ? restore.nativeLoad(b, DatabaseLoad.into(db), db.toString(), replace, early == null ? null : early.take())
        : restore.declarative(b, db, replace);
  }

  private RestoreResult dbless(BackupRestore restore, Bundle b, NodeConf conf) {
    if (target != null && (target.startsWith("http://") || target.startsWith("https://"))) {
      return restore.dblessNode(b, target, conf.optional("admin_token").orElse(null));
    }
    Path file = target != null ? Path.of(target) : conf.optional("declarative_config").map(Path::of)
        .orElseThrow(() -> new IllegalStateException("--mode dbless needs a target: set declarative_config, or pass"
            + " --target FILE or --target http://HOST:ADMIN_PORT"));
    return restore.dblessFile(b, file);
  }

  private RestoreMode mode(Bundle b, boolean dbless) {
    if (mode == null) {
      return dbless ? RestoreMode.DBLESS : b.manifest().dumpMethod() != null ? RestoreMode.NATIVE : RestoreMode.DECLARATIVE;
    }
    for (RestoreMode m : RestoreMode.values()) {
      if (m.label().equals(mode)) {
        return m;
      }
    }
    throw new ParameterException(spec.commandLine(),
        "--mode takes native, declarative or dbless, not '" + mode + "'");
  }

  /** Asks on a terminal; off a terminal, a database holding entities is then refused by the restore itself. */
  private boolean confirmed(Database db) {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    String answer = console.readLine("> Replace every entity of %s with bundle %s? [y/n] ", db.settings().describe(),
        bundle.getFileName());
    return answer != null && (answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes"));
  }

  private Bundle open() {
    return secrets.open(bundle, node.conf(), System.getenv());
  }

  /** SIGHUP to the node running in the prefix, as {@code silverback reload}; a node reached by POST reloaded itself. */
  private String reloadLocalNode(NodeConf conf, RestoreResult result) {
    if (result.target().endsWith("/config")) {
      return null;
    }
    Optional<ProcessHandle> running = Prefix.of(conf).pidFile().running();
    if (running.isEmpty()) {
      return null;
    }
    try {
      Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(running.get().pid())).inheritIO().start();
      return kill.waitFor() == 0 ? "reloaded the node running in " + conf.prefix() + " (pid " + running.get().pid() + ")"
          : "could not send SIGHUP to the node (pid " + running.get().pid() + "); run 'silverback reload'";
    } catch (IOException e) {
      return "could not send SIGHUP to the node: " + e.getMessage() + "; run 'silverback reload'";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while reloading the node; run 'silverback reload'";
    }
  }

  private void print(RestoreResult r, String reloaded, List<String> redacted) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode body = Json.object().put("status", "ok").put("bundle", bundle.toString()).put("mode", r.mode().label())
          .put("target", r.target()).put("entities", r.total()).put("seconds", r.took().toMillis() / 1000.0);
      r.counts().forEach(body.putObject("counts")::put);
      r.notes().forEach(body.putArray("notes")::add);
      if (reloaded != null) {
        body.put("reload", reloaded);
      }
      redacted.forEach(body.putArray("redacted_configuration")::add);
      out.println(body.toPrettyString());
    } else if (!quiet) {
      out.printf("restored %d entities from %s (%s) into %s in %.1f s%n", r.total(), bundle.getFileName(),
          r.mode().label(), r.target(), r.took().toMillis() / 1000.0);
      r.counts().forEach((type, n) -> out.printf("  %s: %d%n", type, n));
      r.notes().forEach(n -> out.println("  " + n));
      if (reloaded != null) {
        out.println("  " + reloaded);
      }
      if (!redacted.isEmpty()) {
        out.println("  the bundle's configuration had these secrets redacted; enter them again in silverback.conf or the"
            + " environment (or as vault references): " + String.join(", ", redacted));
      }
    }
    out.flush();
  }
}
