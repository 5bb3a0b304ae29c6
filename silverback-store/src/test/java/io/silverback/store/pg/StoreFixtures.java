package io.silverback.store.pg;

import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.declarative.DeclarativeReader;
import io.silverback.core.declarative.DeclarativeWriter;
import io.silverback.core.entity.EntityRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import javax.sql.DataSource;

/** What the PostgreSQL store tests share: the registry, a migrated schema, configs from YAML, PEM files. */
final class StoreFixtures {
  static final EntityRegistry REGISTRY = EntityRegistry.standard();
  /** A whole second, so integer and millisecond timestamps agree. */
  static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private StoreFixtures() {}

  /** Applies the migrations to {@code dataSource} and opens a store on it. */
  static PostgresStore migratedStore(DataSource dataSource, Clock clock) {
    new Migrations(dataSource, "public").bootstrap();
    return new PostgresStore(dataSource, REGISTRY, "public", clock);
  }

  /** A declarative config, auto timestamps from {@code clock}. */
  static Config config(String yaml, Clock clock) {
    return DeclarativeConfigParser.of(REGISTRY).withClock(clock).parseString(yaml).orThrow().config();
  }

  /** The store's whole content as a declarative JSON document, to compare snapshots byte for byte. */
  static String dump(PostgresStore store) {
    return new String(DeclarativeWriter.toBytes(store.export(), DeclarativeReader.Syntax.JSON), StandardCharsets.UTF_8);
  }

  /** A PEM file of {@code tls/} next to this class. */
  static String pem(String name) {
    try (InputStream in = StoreFixtures.class.getResourceAsStream("tls/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource tls/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
