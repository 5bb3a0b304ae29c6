package io.silverback.bench;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.EntitySchema;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A part of a {@link Config} that keeps its shape: every {@code every}-th entity that references
 * nothing (services, consumers, global plugins), plus every entity whose references all point
 * into the sample (their routes, credentials and plugins). A plain prefix of the file would be
 * all services, or fail on references; this keeps the mix of types and row sizes, so a time
 * measured on it extrapolates linearly by entity count.
 */
final class ConfigSample {
  private ConfigSample() {}

  static Config of(Config config, int every) {
    Config.Builder out = Config.builder(config.registry());
    Set<String> kept = new HashSet<>();
    for (EntitySchema schema : config.registry().ordered()) {
      int roots = 0;
      for (Entity e : config.all(schema.name())) {
        boolean root = true;
        boolean reachable = true;
        for (Map.Entry<String, ?> fk : schema.foreignKeys()) {
          String parent = e.foreignId(fk.getKey());
          if (parent != null) {
            root = false;
            reachable &= kept.contains(parent);
          }
        }
        if (root ? roots++ % every == 0 : reachable) {
          kept.add(e.id());
          out.put(e);
        }
      }
    }
    return out.build();
  }
}
