package io.silverback.core.plugin;

import static io.silverback.core.plugin.PluginAssertions.assertSameJson;
import static io.silverback.core.plugin.PluginAssertions.json;
import static io.silverback.core.plugin.PluginAssertions.resource;
import static io.silverback.core.plugin.PluginAssertions.validate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.entity.Plugins;
import io.silverback.core.schema.ErrorTree;
import io.silverback.core.schema.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BundledPluginsTest {
  @Test
  void shipsSixteenPluginsWithKongVersionAndPriorities() {
    Map<String, Integer> priorities = new LinkedHashMap<>();
    priorities.put("acl", 950);
    priorities.put("basic-auth", 1100);
    priorities.put("correlation-id", 100001);
    priorities.put("cors", 2000);
    priorities.put("file-log", 9);
    priorities.put("hmac-auth", 1030);
    priorities.put("http-log", 12);
    priorities.put("ip-restriction", 990);
    priorities.put("jwt", 1450);
    priorities.put("key-auth", 1250);
    priorities.put("prometheus", 13);
    priorities.put("rate-limiting", 910);
    priorities.put("request-size-limiting", 951);
    priorities.put("request-termination", 2);
    priorities.put("request-transformer", 801);
    priorities.put("response-transformer", 800);

    Map<String, Integer> shipped = PluginRegistry.bundled().all().stream()
        .collect(Collectors.toMap(PluginSchema::name, PluginSchema::priority, (a, b) -> a, LinkedHashMap::new));

    assertThat(shipped).containsExactlyEntriesOf(priorities);
    assertThat(BundledPlugins.all()).extracting(PluginSchema::version).containsOnly("3.10.0");
  }

  @Test
  void refusesAnUnknownPluginAsNotEnabled() {
    ErrorTree errors = validate(json("{\"name\": \"x\"}"));

    assertThat(errors.toJson().toString())
        .isEqualTo("{\"name\":\"plugin 'x' not enabled; add it to the 'plugins' configuration property\"}");
  }

  static Stream<Arguments> defaults() {
    return StreamSupport.stream(resource("defaults.json").spliterator(), false)
        .map(d -> Arguments.of(d.get("plugin").textValue(), d));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaults")
  void fillsKongDefaultConfigAndProtocols(String name, JsonNode expected) {
    ObjectNode plugin = Json.object().put("name", name);
    plugin.set("config", expected.get("input").deepCopy());

    ErrorTree errors = validate(plugin);

    assertThat(errors.isEmpty()).as("errors: %s", errors).isTrue();
    assertSameJson(plugin.get("config"), expected.get("config"));
    assertSameJson(plugin.get("protocols"), expected.get("protocols"));
    assertThat(plugin.get("enabled").booleanValue()).isTrue();
  }

  @Test
  void rateLimitingOffersNoClusterPolicyWithoutDatabase() {
    PluginRegistry dbless = PluginRegistry.of(BundledPlugins.all(true));
    ObjectNode plugin = json("{\"name\": \"rate-limiting\", \"config\": {\"second\": 1, \"policy\": \"cluster\"}}");

    ErrorTree errors = validate(Plugins.schema(dbless), plugin);

    assertSameJson(errors.toJson(), json("{\"config\": {\"policy\": \"expected one of: local, redis\"}}"));
  }
}
