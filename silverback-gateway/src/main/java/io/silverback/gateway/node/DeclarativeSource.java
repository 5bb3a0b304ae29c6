package io.silverback.gateway.node;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfig;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.declarative.ParseResult;
import io.silverback.core.entity.EntityRegistry;
import java.nio.file.Path;

/**
 * The entities a DB-less node starts (and reloads) with, as Kong's {@code parse_declarative_config}
 * in {@code kong/init.lua}: the file {@code declarative_config} when set, else the text {@code
 * declarative_config_string}, else an empty configuration.
 */
public final class DeclarativeSource {
  private DeclarativeSource() {}

  /**
   * Reads and validates the declarative configuration of {@code conf}, with its hash (Kong's
   * {@code configuration_hash}).
   *
   * @throws NodeException with Kong's {@code error parsing declarative config file <file>:} and the
   *     error report, when the file or string is unreadable or invalid
   */
  public static DeclarativeConfig load(NodeConf conf, EntityRegistry registry) {
    DeclarativeConfigParser parser = DeclarativeConfigParser.of(registry);
    if (conf.optional("declarative_config").isPresent()) {
      Path file = Path.of(conf.get("declarative_config")).toAbsolutePath();
      return config(parser.parseFile(file), "error parsing declarative config file " + file);
    }
    if (conf.optional("declarative_config_string").isPresent()) {
      return config(parser.parseString(conf.get("declarative_config_string")),
          "error parsing declarative_config_string (from " + conf.source("declarative_config_string") + ")");
    }
    return new DeclarativeConfig(Config.empty(registry), "3.0", true, DeclarativeConfig.EMPTY_HASH);
  }

  private static DeclarativeConfig config(ParseResult result, String what) {
    if (!result.isValid()) {
      throw new NodeException(what + ":\n" + result.errors().orElseThrow().report());
    }
    return result.config().orElseThrow();
  }
}
