package io.silverback.core.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.testing.ConfigArbitraries;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * parse(write(parse(f))) equals parse(f): for generated valid configs, the writer's output in
 * either syntax reads back to the same entities, and writing those again gives the same bytes.
 */
class RoundTripProperties {
  private static final DeclarativeConfigParser PARSER = DeclarativeConfigParser.of(EntityRegistry.standard());

  @Property(tries = 150)
  void writtenConfigsReadBackToTheSameEntities(@ForAll("configs") ObjectNode doc) {
    ParseResult first = PARSER.parse(doc.deepCopy());
    assertThat(first.errors()).as("generator produced an invalid config: %s", doc).isEmpty();
    Config config = first.orThrow().config();
    for (DeclarativeReader.Syntax syntax : DeclarativeReader.Syntax.values()) {
      byte[] written = DeclarativeWriter.toBytes(config, syntax);
      Config reread = PARSER.parseString(new String(written, StandardCharsets.UTF_8)).orThrow().config();
      DeclarativeWriterTest.assertSameEntities(config, reread);
      assertThat(DeclarativeWriter.toBytes(reread, syntax)).isEqualTo(written);
    }
  }

  @Provide
  Arbitrary<ObjectNode> configs() {
    return ConfigArbitraries.configs(6, 6);
  }
}
