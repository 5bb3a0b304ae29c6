package io.silverback.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.MigrationState;
import io.silverback.store.pg.Migrations;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The subcommands of {@code silverback migrations}, with Kong's messages and exit codes. */
final class MigrationsCommands {
  private MigrationsCommands() {}

  /** What every migrations subcommand shares: the node options, {@code --quiet}, a database. */
  abstract static class Base implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    NodeOptions node;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Override
    public Integer call() {
      try (Database db = Database.open(node.conf())) {
        return run(new Migrations(db.dataSource(), db.schema()), db);
      }
    }

    abstract int run(Migrations migrations, Database db);

    void say(String line) {
      if (!quiet) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
      }
    }
  }

  @Command(name = "bootstrap", mixinStandardHelpOptions = true,
      description = "Create the schema in an empty database and run every migration.")
  static final class Bootstrap extends Base {
    @Override
    int run(Migrations m, Database db) {
      if (!m.state().needsBootstrap()) {
        say("Database already bootstrapped");
        return ExitCodes.OK;
      }
      say("Bootstrapping database...");
      m.bootstrap();
      say("Database is up-to-date");
      return ExitCodes.OK;
    }
  }

  /** The options of the migration guard, shared by {@code up} and {@code finish}. */
  abstract static class Guarded extends Base {
    @Option(names = "--backup", paramLabel = "auto",
        description = "'auto': take and verify a backup (into backup_dir) before migrating.")
    String backup;

    @Option(names = "--force", description = "Migrate without a verified backup of the current data.")
    boolean force;

    /** What to record with the migrations, or empty when the guard refused (and said why). */
    Optional<String> guard(Migrations m, Database db) {
      if (backup != null && !backup.equals("auto")) {
        throw new ParameterException(spec.commandLine(), "--backup takes 'auto', not '" + backup + "'");
      }
      PrintWriter err = spec.commandLine().getErr();
      return GuardedMigration.check(node.conf(), db, m, backup != null, force, this::say, line -> {
        err.println(line);
        err.flush();
      });
    }
  }

  @Command(name = "up", mixinStandardHelpOptions = true, description = {"Run any new migrations.",
      "Refuses (exit 7) unless a verified backup of the current data is in backup_dir: see --backup and --force."},
      footer = {"", "Exit codes: 0 migrated or up to date, 1 failure, 2 usage error, 7 no verified backup of the current data."})
  static final class Up extends Guarded {
    @Override
    int run(Migrations m, Database db) {
      MigrationState s = m.state();
      if (s.needsBootstrap() || s.pending().isEmpty()) {
        m.up();
        say("Database is already up-to-date");
        return ExitCodes.OK;
      }
      Optional<String> record = guard(m, db);
      if (record.isEmpty()) {
        return ExitCodes.BACKUP_REQUIRED;
      }
      List<String> ran = m.up(record.get());
      ran.forEach(name -> say("migrating core on " + db.settings().describe() + ": " + name));
      say(ran.size() + " migration" + (ran.size() == 1 ? "" : "s") + " processed (" + record.get() + ")");
      say("Database is up-to-date");
      return ExitCodes.OK;
    }
  }

  @Command(name = "finish", mixinStandardHelpOptions = true,
      description = {"Finish pending migrations. Silverback's migrations complete in 'up', so there is never anything"
          + " to finish.", "With new migrations pending, the migration guard applies as for 'up'."},
      footer = {"", "Exit codes: 0 success, 1 failure, 2 usage error, 7 no verified backup of the current data."})
  static final class Finish extends Guarded {
    @Override
    int run(Migrations m, Database db) {
      MigrationState s = m.state();
      if (s.needsBootstrap()) {
        throw new IllegalStateException("Cannot run migrations: " + Migrations.NEEDS_BOOTSTRAP.strip());
      }
      if (!s.pending().isEmpty() && guard(m, db).isEmpty()) {
        return ExitCodes.BACKUP_REQUIRED;
      }
      say("No pending migrations to finish");
      if (!s.pending().isEmpty()) {
        say("\nNew migrations available; run 'silverback migrations up' to proceed");
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List executed and new migrations.",
      footer = {"", "Exit codes: 0 up to date, 3 needs bootstrap, 5 new migrations available, 1 failure."})
  static final class ListMigrations extends Base {
    @Override
    int run(Migrations m, Database db) {
      MigrationState s = m.state();
      if (s.needsBootstrap()) {
        say(Migrations.NEEDS_BOOTSTRAP.strip());
        return ExitCodes.NEEDS_BOOTSTRAP;
      }
      say("Executed migrations:\ncore: " + String.join(", ", s.executed()));
      if (!s.pending().isEmpty()) {
        say("\nNew migrations available:\ncore: " + String.join(", ", s.pending()));
        say("\nRun 'silverback migrations up' to proceed");
        return ExitCodes.NEW_MIGRATIONS;
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Print the migration state as JSON (Kong's schema_state).")
  static final class Status extends Base {
    @Override
    int run(Migrations m, Database db) {
      MigrationState s = m.state();
      ObjectNode body = Json.object().put("needs_bootstrap", s.needsBootstrap());
      if (!s.executed().isEmpty()) {
        namespace(body, "executed_migrations", s.executed());
      }
      if (!s.pending().isEmpty()) {
        namespace(body, "new_migrations", s.pending());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(body.toString());
      out.flush();
      return ExitCodes.OK;
    }

    private static void namespace(ObjectNode body, String key, List<String> names) {
      ObjectNode ns = body.putArray(key).addObject().put("namespace", "core");
      names.forEach(ns.putArray("migrations")::add);
    }
  }

  @Command(name = "reset", mixinStandardHelpOptions = true,
      description = "Erase every table and all data of the database. Irreversible: take a backup first.")
  static final class Reset extends Base {
    @Option(names = {"-y", "--yes"}, description = "Assume 'yes' to the confirmation (required when not on a terminal).")
    boolean yes;

    @Override
    int run(Migrations m, Database db) {
      if (m.state().needsBootstrap()) {
        say("Database not bootstrapped, nothing to reset");
        return ExitCodes.OK;
      }
      if (!yes && !confirmed(db)) {
        say("cancelled");
        return ExitCodes.FAILURE;
      }
      say("Resetting database...");
      m.reset();
      say("Database successfully reset");
      return ExitCodes.OK;
    }

    private boolean confirmed(Database db) {
      java.io.Console console = System.console();
      if (console == null) {
        throw new IllegalStateException("not a tty: invoke 'reset' non-interactively with the --yes flag");
      }
      String answer = console.readLine("> Erase every entity of %s? This operation is irreversible. [y/n] ",
          db.settings().describe());
      return answer != null && (answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes"));
    }
  }
}
