package io.silverback.gateway.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.gateway.plugin.ConfigView;
import io.silverback.gateway.plugin.ProxyExchange;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a plugin derives from its configuration (compiled regexes, CIDR matchers), built once per
 * snapshot for every configuration of that plugin, as Kong caches them per {@code conf} table.
 * Keyed by the identity of the {@code config} node the chain hands over; a configuration that is
 * not in the snapshot (a test's) is compiled on each call.
 *
 * @param <T> the compiled form (immutable, thread-safe)
 */
public final class Compiled<T> {
  private final ConfigView<Map<JsonNode, T>> view;
  private final Function<JsonNode, T> compile;

  private Compiled(String plugin, Function<JsonNode, T> compile) {
    this.compile = Objects.requireNonNull(compile, "compile");
    this.view = new ConfigView<>(plugin + " compiled configs", config -> build(config, plugin, compile));
  }

  /** The compiled configurations of the plugin named {@code plugin}. */
  public static <T> Compiled<T> per(String plugin, Function<JsonNode, T> compile) {
    return new Compiled<>(plugin, compile);
  }

  /** The compiled form of {@code config} for the snapshot of {@code exchange}. */
  public T get(ProxyExchange exchange, JsonNode config) {
    T compiled = exchange.view(view).get(config);
    return compiled != null ? compiled : compile.apply(config);
  }

  private static <T> Map<JsonNode, T> build(Config config, String plugin, Function<JsonNode, T> compile) {
    Map<JsonNode, T> out = new IdentityHashMap<>();
    if (config != null) {
      for (Entity p : config.all("plugins")) {
        if (plugin.equals(p.text("name"))) {
          out.put(p.get("config"), compile.apply(p.get("config")));
        }
      }
    }
    return out;
  }
}
