package io.silverback.core.plugin;

import io.silverback.core.schema.RecordSchema;
import java.util.List;

/** The plugins Silverback ships, with the configuration schemas of Kong 3.10. */
public final class BundledPlugins {
  /** The version of every bundled plugin: Kong's {@code kong_meta.version}. */
  public static final String VERSION = "3.10.0";

  private BundledPlugins() {}

  /** A bundled plugin's schema, at {@link #VERSION}. */
  static PluginSchema plugin(String name, int priority, RecordSchema subschema) {
    return new PluginSchema(name, VERSION, priority, subschema);
  }

  /** Every bundled plugin, as a node with a database sees them. */
  public static List<PluginSchema> all() {
    return all(false);
  }

  /**
   * Every bundled plugin.
   *
   * @param dbless whether the node runs without a database or is a control plane, which changes
   *     rate-limiting's policies
   */
  public static List<PluginSchema> all(boolean dbless) {
    return List.of(
        AclPlugin.schema(),
        BasicAuthPlugin.schema(),
        CorrelationIdPlugin.schema(),
        CorsPlugin.schema(),
        FileLogPlugin.schema(),
        HmacAuthPlugin.schema(),
        HttpLogPlugin.schema(),
        IpRestrictionPlugin.schema(),
        JwtPlugin.schema(),
        KeyAuthPlugin.schema(),
        PrometheusPlugin.schema(),
        RateLimitingPlugin.schema(dbless),
        RequestSizeLimitingPlugin.schema(),
        RequestTerminationPlugin.schema(),
        RequestTransformerPlugin.schema(),
        ResponseTransformerPlugin.schema());
  }
}
