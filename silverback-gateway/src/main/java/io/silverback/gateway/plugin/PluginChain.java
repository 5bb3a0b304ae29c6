package io.silverback.gateway.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The enabled plugins of one {@link Config}, compiled once per snapshot. Immutable.
 *
 * <p>First cut: for each plugin name the most specific enabled configuration whose scope fields
 * (route, service, consumer) all match the exchange wins; plugins run in descending priority.
 */
public final class PluginChain {
  private final List<Configured> configured;

  private PluginChain(List<Configured> configured) {
    this.configured = configured;
  }

  /** Compiles the enabled plugins of {@code config} that {@code catalog} implements. */
  public static PluginChain compile(Config config, PluginCatalog catalog) {
    List<Configured> out = new ArrayList<>();
    for (Entity p : config.all("plugins")) {
      GatewayPlugin impl = catalog.get(p.text("name"));
      if (impl != null && p.get("enabled").asBoolean(true)) {
        out.add(new Configured(impl, p.get("config"), p.foreignId("route"), p.foreignId("service"),
            p.foreignId("consumer")));
      }
    }
    out.sort(Comparator.comparingInt((Configured c) -> c.plugin.priority()).reversed());
    return new PluginChain(List.copyOf(out));
  }

  /** The plugins of {@code exchange}; {@link PluginRun#NONE} when no plugin is configured. */
  public PluginRun run(ProxyExchange exchange) {
    return configured.isEmpty() ? PluginRun.NONE : new Run(exchange);
  }

  private record Configured(GatewayPlugin plugin, JsonNode config, String route, String service, String consumer) {
    int specificity() {
      return (route != null ? 4 : 0) + (service != null ? 2 : 0) + (consumer != null ? 1 : 0);
    }

    boolean applies(ProxyExchange ex) {
      return (route == null || ex.route() != null && route.equals(ex.route().id()))
          && (service == null || ex.service() != null && service.equals(ex.service().id()))
          && (consumer == null || ex.consumer() != null && consumer.equals(ex.consumer().id()));
    }
  }

  private final class Run implements PluginRun {
    private final ProxyExchange ex;
    private final List<Configured> resolved = new ArrayList<>();

    Run(ProxyExchange ex) {
      this.ex = ex;
    }

    @Override
    public Future<Void> access() {
      List<String> names = new ArrayList<>();
      for (Configured c : configured) {
        if (!names.contains(c.plugin.name())) {
          names.add(c.plugin.name());
        }
      }
      Promise<Void> done = Promise.promise();
      step(names, 0, done);
      return done.future();
    }

    private void step(List<String> names, int i, Promise<Void> done) {
      if (i == names.size() || ex.exited()) {
        done.tryComplete();
        return;
      }
      Configured best = null;
      for (Configured c : configured) {
        if (c.plugin.name().equals(names.get(i)) && c.applies(ex)
            && (best == null || c.specificity() > best.specificity())) {
          best = c;
        }
      }
      if (best == null) {
        step(names, i + 1, done);
        return;
      }
      resolved.add(best);
      best.plugin.access(ex, best.config).onComplete(ar -> {
        if (ar.failed()) {
          done.tryFail(ar.cause());
        } else {
          step(names, i + 1, done);
        }
      });
    }

    @Override
    public void headerFilter() {
      resolved.forEach(c -> c.plugin.headerFilter(ex, c.config));
    }

    @Override
    public boolean buffersResponse() {
      return resolved.stream().anyMatch(c -> c.plugin.buffersResponse(c.config));
    }

    @Override
    public Buffer bodyFilter(Buffer body) {
      Buffer b = body;
      for (Configured c : resolved) {
        if (c.plugin.buffersResponse(c.config)) {
          b = c.plugin.bodyFilter(ex, c.config, b);
        }
      }
      return b;
    }

    @Override
    public void log() {
      resolved.forEach(c -> c.plugin.log(ex, c.config));
    }
  }
}
