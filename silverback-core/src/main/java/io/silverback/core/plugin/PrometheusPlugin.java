package io.silverback.core.plugin;

import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;

/**
 * The {@code prometheus} plugin (kong/plugins/prometheus/schema.lua). Kong also refuses the
 * plugin when its nginx shared dictionary {@code prometheus_metrics} is missing; Silverback keeps
 * its metrics in the JVM, so there is nothing to check.
 */
public final class PrometheusPlugin {
  public static final String NAME = "prometheus";
  public static final int PRIORITY = 13;

  private PrometheusPlugin() {}

  /** The plugin's name, version, priority and subschema. */
  public static PluginSchema schema() {
    RecordSchema.Builder config = RecordSchema.builder();
    for (String flag : new String[] {"per_consumer", "status_code_metrics", "ai_metrics", "latency_metrics",
        "bandwidth_metrics", "upstream_health_metrics", "wasm_metrics"}) {
      config.field(flag, Field.bool().defaultValue(false));
    }
    return BundledPlugins.plugin(NAME, PRIORITY, PluginFields.anyProtocol(Field.record(config.build())).build());
  }
}
