package io.silverback.gateway.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One enabled plugin entity, ready to run: its implementation, its {@code config} and the
 * protocols it runs for.
 *
 * @param id the plugin entity's id, for error messages
 * @param plugin the implementation
 * @param config the entity's {@code config} record
 * @param protocols the entity's {@code protocols}; empty for every protocol
 */
record Configured(String id, GatewayPlugin plugin, JsonNode config, Set<String> protocols) {
  /** Whether this configuration runs for a request of {@code protocol}. */
  boolean runsFor(String protocol) {
    return protocols.isEmpty() || protocols.contains(protocol);
  }
}
