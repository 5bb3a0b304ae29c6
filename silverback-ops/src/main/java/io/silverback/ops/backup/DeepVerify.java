package io.silverback.ops.backup;

import io.silverback.core.config.Config;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.ops.dump.DatabaseLoad;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.PgSettings;
import io.silverback.store.pg.PostgresStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code backup verify --deep}: proves a bundle restores. Its checksums are verified, then its
 * native dump is loaded ({@link DatabaseLoad}, the path {@code restore --mode native} takes) into a
 * throwaway database {@code silverback_verify_<random>} on the configured server (the embedded
 * one included), and every entity read back is compared with the bundle's declarative export. A
 * bundle without a dump (DB-less, or {@code --no-native}) has its declarative export imported
 * instead, which proves it loads but compares it only with itself. With a {@link NodeCheck} (the
 * command line's), a node is then started read-only on the scratch database and what its Admin
 * API serves is compared too. The scratch database is dropped whatever happens.
 */
public final class DeepVerify {
  private final EntityRegistry registry;
  private final NodeCheck nodeCheck;

  public DeepVerify(EntityRegistry registry) {
    this(registry, null);
  }

  private DeepVerify(EntityRegistry registry, NodeCheck nodeCheck) {
    this.registry = registry;
    this.nodeCheck = nodeCheck;
  }

  /**
   * This verification, ending with {@code check}: after the load the scratch database is made
   * read-only ({@code default_transaction_read_only}) and a node started on it is compared with the
   * declarative export (with no export: with what the database holds).
   */
  public DeepVerify withNodeCheck(NodeCheck check) {
    return new DeepVerify(registry, Objects.requireNonNull(check, "check"));
  }

  /**
   * What the deep verification found.
   *
   * @param scratchDatabase the throwaway database's name (dropped)
   * @param loaded what was loaded: {@code "dump"} or {@code "declarative"}
   * @param counts entities per type in the restored database
   * @param differences what differs from the declarative export; empty when the bundle restores exactly
   * @param node what the read-only node showed ({@link NodeCheck.Result#summary}); empty without a node check
   */
  public record Report(String scratchDatabase, String loaded, Map<String, Integer> counts, List<String> differences,
      Optional<String> node) {}

  /**
   * Verifies {@code bundle} deeply against a server reached through {@code server}.
   *
   * @param server the configured database (its server hosts the scratch database)
   * @param conf the node configuration, for the connection settings
   * @throws BackupException when the bundle fails its checksums or cannot be restored
   */
  public Report verify(Bundle bundle, Database server, NodeConf conf, Consumer<String> progress) {
    Path scratchDir;
    try {
      scratchDir = Files.createTempDirectory("silverback-verify-");
    } catch (IOException e) {
      throw new BackupException("cannot create a scratch directory to verify " + bundle.path() + ": " + e.getMessage(), e);
    }
    try {
      return verify(bundle, server, conf, scratchDir, progress);
    } finally {
      try {
        Durable.delete(scratchDir);
      } catch (IOException e) {
        progress.accept("could not delete " + scratchDir + ": " + e.getMessage());
      }
    }
  }

  private Report verify(Bundle bundle, Database server, NodeConf conf, Path scratchDir, Consumer<String> progress) {
    progress.accept("Checking every checksum");
    bundle.verify();
    Optional<Config> declarative = bundle.manifest().hasSection("declarative")
        ? Optional.of(declarative(bundle, scratchDir)) : Optional.empty();
    String name = "silverback_verify_" + HexFormat.of().formatHex(randomBytes());
    progress.accept("Creating the scratch database " + name);
    execute(server, "CREATE DATABASE " + name);
    try (Database scratch = Database.open(scratchConf(server.settings(), conf, name, conf.prefix()))) {
      String loaded = load(bundle, scratch, declarative, scratchDir, progress);
      Config restored;
      List<String> differences = new ArrayList<>();
      Optional<String> node = Optional.empty();
      if (nodeCheck != null) {
        execute(server, "ALTER DATABASE " + name + " SET default_transaction_read_only = on");
        NodeCheck.Result result = checkNode(bundle, scratchConf(server.settings(), conf, name, scratchDir.resolve("node")),
            declarative, progress);
        restored = result.restored();
        differences.addAll(result.differences());
        node = Optional.of(result.summary());
      } else {
        restored = store(scratch).export();
      }
      progress.accept("Comparing every entity with the declarative export");
      differences.addAll(0, declarative.map(expected -> ConfigDiff.of(expected, restored))
          .orElse(List.of("the bundle has no declarative export (--no-declarative): nothing to compare the dump with")));
      return new Report(name, loaded, restored.counts(), List.copyOf(differences), node);
    } catch (RuntimeException e) {
      throw e instanceof BackupException ? e : new BackupException("bundle " + bundle.path() + " does not restore: " + e.getMessage(), e);
    } finally {
      progress.accept("Dropping " + name);
      execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  /** Loads the dump, else imports the declarative export; returns which. */
  private String load(Bundle bundle, Database scratch, Optional<Config> declarative, Path scratchDir, Consumer<String> progress) {
    if (bundle.manifest().hasSection("database")) {
      progress.accept("Loading the dump into " + scratch.settings().database());
      Path dump = scratchDir.resolve("database");
      bundle.extract("database", dump);
      DatabaseLoad.into(scratch).load(dump, false);
      return "dump";
    }
    progress.accept("Importing the declarative export into " + scratch.settings().database());
    new Migrations(scratch.dataSource(), scratch.schema()).bootstrap();
    store(scratch).loadAll(declarative.orElseThrow(() -> new BackupException("bundle " + bundle.path()
        + " has neither a database dump nor a declarative export")));
    return "declarative";
  }

  private NodeCheck.Result checkNode(Bundle bundle, NodeConf nodeConf, Optional<Config> expected, Consumer<String> progress) {
    progress.accept("Starting a read-only node on " + nodeConf.get("pg_database"));
    try {
      return nodeCheck.check(nodeConf, expected, progress);
    } catch (RuntimeException e) {
      throw new BackupException("bundle " + bundle.path() + " restores, but the read-only node on it failed: "
          + e.getMessage(), e);
    }
  }

  private Config declarative(Bundle bundle, Path scratchDir) {
    Path dir = scratchDir.resolve("declarative");
    bundle.extract("declarative", dir);
    return DeclarativeConfigParser.of(registry).parseFile(dir.resolve(BackupCreate.DECLARATIVE_FILE)).orThrow().config();
  }

  private PostgresStore store(Database db) {
    return new PostgresStore(db.dataSource(), registry, db.schema(), Clock.systemUTC());
  }

  /** The configured server (for the embedded database: the one this process runs) with the scratch database. */
  private static NodeConf scratchConf(PgSettings s, NodeConf conf, String name, Path prefix) {
    Map<String, String> flags = new HashMap<>(Map.of("prefix", prefix.toString(), "database", "postgres",
        "pg_host", s.host(), "pg_port", String.valueOf(s.port()), "pg_user", s.user(), "pg_password", s.password(),
        "pg_database", name, "pg_schema", s.schema(), "pg_ssl", s.ssl() ? "on" : "off",
        "pg_ssl_verify", s.sslVerify() ? "on" : "off"));
    flags.put("admin_listen", "127.0.0.1:0");
    flags.put("proxy_listen", "127.0.0.1:0");
    return NodeConf.load(Optional.empty(), Map.of(), flags);
  }

  private static void execute(Database db, String sql) {
    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      st.execute(sql);
    } catch (SQLException e) {
      throw new BackupException("cannot run '" + sql + "' on " + db + ": " + e.getMessage(), e);
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[6];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
