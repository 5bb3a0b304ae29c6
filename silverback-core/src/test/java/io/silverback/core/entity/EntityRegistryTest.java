package io.silverback.core.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.schema.EntitySchema;
import org.junit.jupiter.api.Test;

class EntityRegistryTest {
  @Test
  void withoutPluginsHasEveryEntityOfTheStandardRegistryInTheSameOrderAndNoPluginSchema() {
    EntityRegistry standard = EntityRegistry.standard();
    EntityRegistry light = EntityRegistry.withoutPlugins();
    assertThat(light.ordered()).extracting(EntitySchema::name).isNotEmpty()
        .containsExactlyElementsOf(standard.ordered().stream().map(EntitySchema::name).toList());
    assertThat(light.get("plugins")).isPresent();
    assertThat(light.children("consumers")).isEqualTo(standard.children("consumers"));
    assertThat(standard.plugins().get("key-auth")).isPresent();
    assertThat(light.plugins().get("key-auth")).isEmpty();
  }
}
