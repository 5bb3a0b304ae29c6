package io.silverback.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.declarative.DeclarativeReader;
import io.silverback.core.declarative.DeclarativeWriter;
import io.silverback.core.testing.ConfigArbitraries;
import io.silverback.store.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * A config survives PostgreSQL and the declarative format unchanged: replace a store's content
 * with a generated config, export it as YAML, read that back into a second, empty database, and
 * the second export is byte for byte the first.
 */
class StoreRoundTripProperties {
  private static final DeclarativeConfigParser PARSER = DeclarativeConfigParser.of(StoreFixtures.REGISTRY);
  // jqwik runs no Jupiter extensions, so the databases are started by hand.
  private static final TestDatabase FIRST = new TestDatabase();
  private static final TestDatabase SECOND = new TestDatabase();
  private static PostgresStore first;
  private static PostgresStore second;

  @BeforeContainer
  static void startDatabases() {
    FIRST.start(StoreRoundTripProperties.class);
    SECOND.start(StoreRoundTripProperties.class);
    first = StoreFixtures.migratedStore(FIRST.dataSource(), Clock.systemUTC());
    second = StoreFixtures.migratedStore(SECOND.dataSource(), Clock.systemUTC());
  }

  @AfterContainer
  static void stopDatabases() {
    first.close();
    second.close();
    FIRST.stop();
    SECOND.stop();
  }

  @Property(tries = 30)
  void anExportReadIntoAnotherDatabaseExportsTheSameBytes(@ForAll("configs") ObjectNode doc) {
    Config config = PARSER.parse(doc).orThrow().config();
    first.replaceAll(config);
    byte[] exported = DeclarativeWriter.toBytes(first.export(), DeclarativeReader.Syntax.YAML);

    Config reread = PARSER.parseString(new String(exported, StandardCharsets.UTF_8)).orThrow().config();
    second.replaceAll(reread);
    byte[] again = DeclarativeWriter.toBytes(second.export(), DeclarativeReader.Syntax.YAML);

    assertThat(new String(again, StandardCharsets.UTF_8)).isEqualTo(new String(exported, StandardCharsets.UTF_8));
    assertThat(second.export().counts()).isEqualTo(config.counts());
  }

  @Provide
  Arbitrary<ObjectNode> configs() {
    return ConfigArbitraries.configs(4, 4);
  }
}
