package io.silverback.ops.dump;

import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.declarative.DeclarativeReader;
import io.silverback.core.declarative.DeclarativeWriter;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.Json;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.PostgresStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** What the dump and restore tests share: the registry, the shop config, a migrated store, exports as text. */
public final class DumpFixtures {
  public static final EntityRegistry REGISTRY = EntityRegistry.standard();

  private DumpFixtures() {}

  /** The example shop (services, routes with regex paths, plugins, consumers, credentials, upstreams). */
  public static Config shop() {
    try (InputStream in = DumpFixtures.class.getResourceAsStream("shop.yaml")) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return DeclarativeConfigParser.of(REGISTRY).parseString(yaml).orThrow().config();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code n} consumers named {@code user-<i>}, each with a key-auth credential, as declarative YAML. */
  public static Config consumers(int n) {
    StringBuilder yaml = new StringBuilder("_format_version: \"3.0\"\nconsumers:\n");
    for (int i = 0; i < n; i++) {
      yaml.append("  - username: user-").append(i).append("\n    tags: [\"t\\\\tab\"]\n")
          .append("    keyauth_credentials:\n      - key: key-").append(i).append('\n');
    }
    return DeclarativeConfigParser.of(REGISTRY).parseString(yaml.toString()).orThrow().config();
  }

  /** Bootstraps the database's schema and opens a store on it. */
  public static PostgresStore migratedStore(Database db) {
    new Migrations(db.dataSource(), db.schema()).bootstrap();
    return store(db);
  }

  public static PostgresStore store(Database db) {
    return new PostgresStore(db.dataSource(), REGISTRY, db.schema(), Clock.systemUTC());
  }

  /** A config as declarative JSON, to compare two snapshots entity by entity. */
  public static String json(Config config) {
    return new String(DeclarativeWriter.toBytes(config, DeclarativeReader.Syntax.JSON), StandardCharsets.UTF_8);
  }

  /** The same, on one line, as a backup writes its declarative export ({@code DeclarativeStream.compactJson}). */
  public static String compactJson(Config config) {
    try {
      return Json.MAPPER.writeValueAsString(Json.MAPPER.readTree(json(config)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void execute(Database db, String sql) {
    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The first column of every row {@code sql} returns, as text. */
  public static List<String> column(Database db, String sql) {
    try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
