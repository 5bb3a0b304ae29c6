package io.silverback.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.ops.backup.BackupCreate;
import io.silverback.ops.backup.BackupOptions;
import io.silverback.ops.backup.DumpDetails;
import io.silverback.ops.backup.Manifest;
import io.silverback.ops.backup.Secret;
import io.silverback.ops.dump.DumpMethod;
import io.silverback.store.pg.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code silverback backup create}: one bundle of the database, the declarative export, the keyring and the prefix. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Write one backup bundle: a native dump and a declarative export of one consistent snapshot of the database",
      "(DB-less: the declarative_config file), the keyring and the prefix files (ssl/, the effective configuration with",
      "its secrets redacted, node_id), with a manifest holding the SHA-256 of every file. Every file is zstd-compressed;",
      "with --encrypt or --key-file it is encrypted with AES-256-GCM. The bundle is written under a .partial name,",
      "fsynced, and renamed into place only when complete."
    },
    footer = {"", "The passphrase of --encrypt comes from the variable backup_passphrase_env names, else",
        "SILVERBACK_BACKUP_PASSPHRASE, else a prompt on the terminal. Without --encrypt or --key-file, a configured",
        "backup_key_file or backup_passphrase_env encrypts the bundle.",
        "", "Exit codes: 0 written, 1 failure (nothing that looks like a bundle is left), 2 usage error."})
public final class BackupCreateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  NodeOptions node;

  @Mixin
  BackupSecrets secrets;

  @Option(names = "--to", paramLabel = "DIR", description = "Where to write the bundle. Default: backup_dir, else <prefix>/backups.")
  Path to;

  @Option(names = "--encrypt", description = "Encrypt with a passphrase (Argon2id + AES-256-GCM).")
  boolean encrypt;

  @Option(names = "--archive", description = "Write one .sbk file instead of a directory.")
  boolean archive;

  @Option(names = "--native", paramLabel = "METHOD",
      description = "The dump's method: pg_dump or builtin (COPY over JDBC). Default: pg_dump when a compatible one is"
          + " on the PATH, else builtin (and it says why).")
  String nativeMethod;

  @Option(names = "--no-native", description = "No database dump; the bundle then restores with --mode declarative only.")
  boolean noNative;

  @Option(names = "--no-declarative", description = "No declarative export.")
  boolean noDeclarative;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "2", description = "Tables read at once, by pg_dump or the builtin dump (default ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--json", description = "Print the bundle's summary as JSON.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
  boolean quiet;

  @Override
  public Integer call() {
    if (noNative && nativeMethod != null) {
      throw new ParameterException(spec.commandLine(), "--native and --no-native exclude each other");
    }
    NodeConf conf = node.conf();
    PrintWriter err = spec.commandLine().getErr();
    Progress progress = new Progress(err, quiet || json);
    Secret secret = secrets.forCreate(encrypt, conf, System.getenv());
    try {
      print(create(conf, secret, err, progress));
    } finally {
      if (secret != null) {
        secret.destroy();
      }
    }
    return ExitCodes.OK;
  }

  private BackupCreate.Result create(NodeConf conf, Secret secret, PrintWriter err, Progress progress) {
    BackupOptions options = BackupOptions.into(BackupViews.backupDir(to, conf))
        .withSecret(secret)
        .withArchive(archive)
        .withDumpMethod(noNative ? null : method())
        .withDeclarative(!noDeclarative)
        .withJobs(jobs)
        .withProgress(progress::step)
        .withNotices(line -> {
          if (!quiet) {
            err.println("Note: " + line);
            err.flush();
          }
        });
    // Every entity and plugin schema is built while the connection opens (a tenth of a second each);
    // a dump alone reads no entity, so it needs the entities' tables but no plugin schema.
    boolean dbless = "off".equals(conf.get("database"));
    CompletableFuture<EntityRegistry> registry = CompletableFuture.supplyAsync(noDeclarative && !dbless
        ? EntityRegistry::withoutPlugins : EntityRegistry::standard);
    if (dbless) {
      String file = conf.get("declarative_config");
      return backup(registry).dbless(file.isEmpty() ? null : Path.of(file), conf.prefix(), options);
    }
    try (Database db = Database.openDirect(conf)) {
      return backup(registry).fromDatabase(db, conf.prefix(), options);
    }
  }

  private static BackupCreate backup(CompletableFuture<EntityRegistry> registry) {
    return new BackupCreate(registry.join(), Clock.systemUTC(), System::nanoTime);
  }

  private DumpMethod method() {
    if (nativeMethod == null) {
      return DumpMethod.AUTO;
    }
    return switch (nativeMethod.toLowerCase(Locale.ROOT)) {
      case "pg_dump" -> DumpMethod.PG_DUMP;
      case "builtin" -> DumpMethod.BUILTIN;
      default -> throw new ParameterException(spec.commandLine(), "--native must be pg_dump or builtin, not '" + nativeMethod + "'");
    };
  }

  private void print(BackupCreate.Result result) {
    PrintWriter out = spec.commandLine().getOut();
    Manifest m = result.bundle().manifest().manifest();
    double seconds = result.took().toMillis() / 1000.0;
    if (json) {
      ObjectNode body = BackupViews.summary(result.bundle().path(), m, result.bundle().storedBytes());
      body.put("status", "ok").put("seconds", seconds);
      DumpDetails dump = result.bundle().manifest().dump();
      if (dump != null) {
        body.putObject("dump").put("method", dump.method()).put("tool", dump.tool()).put("fallback_reason", dump.fallbackReason());
      }
      out.println(body.toPrettyString());
    } else if (!quiet) {
      out.println("Backup written to " + result.bundle().path());
      DumpDetails dump = result.bundle().manifest().dump();
      out.println("  database:  " + (m.mode().equals("off") ? "none (DB-less)" : dump == null ? "no dump (--no-native)"
          : dump.tool() + ", schema level " + m.schemaLevel() + ", PostgreSQL " + m.postgresVersion()));
      out.println("  entities:  " + BackupViews.counts(m.entityCounts()));
      out.println("  encrypted: " + (m.encrypted() ? "yes (" + result.bundle().manifest().encryption().keySource() + ")" : "no"));
      out.printf(Locale.ROOT, "  size:      %s, took %.1f s%n", BackupViews.size(result.bundle().storedBytes()), seconds);
    }
    out.flush();
  }
}
