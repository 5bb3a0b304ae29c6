package io.silverback.gateway.stream;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.router.StreamRouter;
import java.util.HashMap;
import java.util.Map;

/**
 * What the stream proxy reads for one {@link Config}: the {@link StreamRouter}, the stream
 * settings of every service, and the ip-restriction plugins. A connection keeps the snapshot it was
 * accepted with. Immutable.
 *
 * @param config the configuration
 * @param router the stream routes, compiled
 * @param services the stream settings by service id
 * @param restriction the ip-restriction plugins
 */
record StreamSnapshot(Config config, StreamRouter router, Map<String, StreamTarget> services,
    StreamRestriction restriction) {
  /**
   * Compiles {@code config}.
   *
   * @throws io.silverback.core.router.RouterException naming the route whose address does not parse
   */
  static StreamSnapshot build(Config config) {
    Map<String, StreamTarget> services = new HashMap<>();
    for (Entity s : config.all("services")) {
      services.put(s.id(), StreamTarget.of(config, s));
    }
    return new StreamSnapshot(config, StreamRouter.compile(config), Map.copyOf(services),
        StreamRestriction.of(config));
  }
}
