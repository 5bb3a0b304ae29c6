package io.silverback.gateway.plugins.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;

/**
 * Plugin configurations as a node holds them: a declarative document read and validated by the
 * core, so that every default is filled exactly as at run time.
 */
public final class PluginConfigs {
  private static final DeclarativeConfigParser PARSER = DeclarativeConfigParser.of(EntityRegistry.standard());

  private PluginConfigs() {}

  /** The snapshot of a declarative document (YAML or JSON). */
  public static Config snapshot(String document) {
    return PARSER.parseString(document).orThrow().config();
  }

  /** The {@code config} of a global plugin {@code name} with {@code configJson} (a JSON object). */
  public static JsonNode config(String name, String configJson) {
    return plugin(snapshot("{\"_format_version\":\"3.0\",\"plugins\":[{\"name\":\"" + name + "\",\"config\":"
        + configJson + "}]}")).get("config");
  }

  /** The only plugin of {@code config}. */
  public static Entity plugin(Config config) {
    return config.all("plugins").iterator().next();
  }
}
