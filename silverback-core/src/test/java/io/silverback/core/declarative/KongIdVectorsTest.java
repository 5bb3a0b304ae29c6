package io.silverback.core.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.config.Config;
import io.silverback.core.entity.EntityRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The deterministic ids of ../shared/kong/declarative.md §1.6, computed as Kong computes them. */
class KongIdVectorsTest {
  private final DeclarativeConfigParser parser = DeclarativeConfigParser.of(EntityRegistry.standard());

  @Test
  void entityNamespacesAreUuid5OfTheTableName() {
    assertThat(Uuid5.of(IdGenerator.ENTITIES_NS, "services"))
        .isEqualTo(UUID.fromString("90050c4f-539a-5bd9-bfb5-2ff1c430ca18"));
    assertThat(Uuid5.of(IdGenerator.ENTITIES_NS, "plugins"))
        .isEqualTo(UUID.fromString("e9b79996-068a-576f-804e-98a685f0a58e"));
  }

  @Test
  void namedServiceAndItsNestedPluginGetKongsIds() {
    Config config = parser.parseString("""
        _format_version: "3.0"
        services:
          - name: example-service
            host: example.com
            plugins:
              - name: key-auth
        """).orThrow().config();

    assertThat(config.get("services", "7a267194-6123-5ee0-a1c9-4c1559eb0d95")).isPresent();
    assertThat(config.get("plugins", "a1ccf42c-7fce-59d0-a501-839bab28a321")).isPresent();
  }

  @Test
  void globalPluginIdComesFromItsCacheKeyWithEmptyScopes() {
    Config config = parser.parseString("""
        _format_version: "3.0"
        plugins:
          - name: rate-limiting
            config:
              minute: 10
        """).orThrow().config();

    assertThat(config.get("plugins", "8328de13-9a5c-5a91-8f06-fb4062fec696")).isPresent();
  }
}
