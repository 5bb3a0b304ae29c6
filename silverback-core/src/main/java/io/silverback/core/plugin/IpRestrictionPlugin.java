package io.silverback.core.plugin;

import io.silverback.core.entity.Typedefs;
import io.silverback.core.schema.EntityChecks;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;
import java.util.List;

/**
 * The {@code ip-restriction} plugin (kong/plugins/ip-restriction/schema.lua): lists of IPs or
 * CIDR ranges to allow or deny, at least one of them non-empty. It also runs on tcp and tls.
 */
public final class IpRestrictionPlugin {
  public static final String NAME = "ip-restriction";
  public static final int PRIORITY = 990;

  private IpRestrictionPlugin() {}

  /** The plugin's name, version, priority and subschema. */
  public static PluginSchema schema() {
    RecordSchema config = RecordSchema.builder()
        .field("allow", Field.array(Typedefs.ipOrCidr().build()))
        .field("deny", Field.array(Typedefs.ipOrCidr().build()))
        .field("status", Field.number())
        .field("message", Field.string())
        .build();
    Field.Builder protocols =
        Typedefs.protocols().defaultValue(List.of("http", "https", "tcp", "tls", "grpc", "grpcs"));
    return BundledPlugins.plugin(NAME, PRIORITY, RecordSchema.builder()
        .field("protocols", protocols)
        .field("config", Field.record(config))
        .check(EntityChecks.atLeastOneOf("config.allow", "config.deny"))
        .build());
  }
}
