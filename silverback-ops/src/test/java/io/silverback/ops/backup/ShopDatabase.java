package io.silverback.ops.backup;

import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.declarative.DeclarativeReader;
import io.silverback.core.declarative.DeclarativeWriter;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.store.pg.Database;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.PostgresStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/** A bootstrapped test database holding the example shop, and the config helpers the backup tests share. */
record ShopDatabase(Database db, PostgresStore store) implements AutoCloseable {
  static final EntityRegistry REGISTRY = EntityRegistry.standard();

  /** Bootstraps {@code db} and loads the shop into it. */
  static ShopDatabase load(Database db) {
    new Migrations(db.dataSource(), db.schema()).bootstrap();
    PostgresStore store = new PostgresStore(db.dataSource(), REGISTRY, db.schema(), Clock.systemUTC());
    store.loadAll(shop());
    return new ShopDatabase(db, store);
  }

  /** The example shop (services, routes, plugins, consumers, credentials, upstreams). */
  static Config shop() {
    try (InputStream in = ShopDatabase.class.getResourceAsStream("/io/silverback/ops/dump/shop.yaml")) {
      return DeclarativeConfigParser.of(REGISTRY).parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .orThrow().config();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Config parse(Path file) {
    return DeclarativeConfigParser.of(REGISTRY).parseFile(file).orThrow().config();
  }

  /** A config as declarative JSON, to compare two configs entity by entity. */
  static String json(Config config) {
    return new String(DeclarativeWriter.toBytes(config, DeclarativeReader.Syntax.JSON), StandardCharsets.UTF_8);
  }

  static BackupCreate create() {
    return new BackupCreate(REGISTRY, Clock.systemUTC(), System::nanoTime);
  }

  @Override
  public void close() {
    db.close();
  }
}
