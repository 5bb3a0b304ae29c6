package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.EntitySchema;
import org.junit.jupiter.api.Test;

class ServedDiffTest {
  private static final EntityRegistry REGISTRY = EntityRegistry.standard();
  private static final String A = "5b2d8b0e-7a43-4d5e-9b3e-1f8a9c0d1e2f";
  private static final String B = "6c3e9c1f-8b54-4e6f-8c4f-2a9b0d1e2f30";
  private static final String C = "7d4f0d2a-9c65-4f70-9d5a-3b0c1e2f3041";

  @Test
  void namesEachServedEntityThatDiffersByIdAndFieldAndEveryOneMissingOrExtra() {
    Config expected = parse("services:\n- {name: a, id: " + A + ", url: http://a}\n- {name: b, id: " + B + ", url: http://b}\n");
    Config served = parse("services:\n- {name: a, id: " + A + ", url: http://changed}\n- {name: c, id: " + C + ", url: http://c}\n");
    EntitySchema services = REGISTRY.require("services");
    ServedDiff diff = new ServedDiff(expected);

    served.all("services").forEach(e -> diff.served(services, e));

    assertThat(diff.finish(AdminReadBack.types(REGISTRY))).containsExactly(
        "services " + A + " differs: host: export \"a\", the read-only node's Admin API \"changed\"",
        "services " + C + " is in the read-only node's Admin API but not in the export",
        "services " + B + " missing from the read-only node's Admin API");
    assertThat(diff.served()).isEqualTo(2);
  }

  @Test
  void aTtlShownAsSecondsLeftIsNotADifference() {
    Config expected = parse("consumers:\n- {username: u, id: " + A + ", keyauth_credentials: [{id: " + B + ", key: k, ttl: 3600}]}\n");
    Entity credential = expected.all("keyauth_credentials").iterator().next();
    Entity shown = new Entity(credential.type(), credential.id(), credential.copy().put("ttl", 12));
    ServedDiff diff = new ServedDiff(expected);

    diff.served(REGISTRY.require("consumers"), expected.all("consumers").iterator().next());
    diff.served(REGISTRY.require("keyauth_credentials"), shown);

    assertThat(diff.finish(AdminReadBack.types(REGISTRY))).isEmpty();
  }

  private static Config parse(String yaml) {
    return DeclarativeConfigParser.of(REGISTRY).parseString("_format_version: \"3.0\"\n" + yaml).orThrow().config();
  }
}
