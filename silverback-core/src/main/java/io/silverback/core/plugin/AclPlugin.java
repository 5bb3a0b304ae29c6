package io.silverback.core.plugin;

import io.silverback.core.schema.EntityChecks;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;

/**
 * The {@code acl} plugin (kong/plugins/acl/schema.lua): exactly one of {@code config.allow} and
 * {@code config.deny} lists consumer groups.
 */
public final class AclPlugin {
  public static final String NAME = "acl";
  public static final int PRIORITY = 950;

  private AclPlugin() {}

  /** The plugin's name, version, priority and subschema; it cannot be scoped to a consumer. */
  public static PluginSchema schema() {
    RecordSchema config = RecordSchema.builder()
        .field("allow", Field.array(Field.string().build()))
        .field("deny", Field.array(Field.string().build()))
        .field("hide_groups_header", Field.bool().required().defaultValue(false))
        .field("always_use_authenticated_groups", Field.bool().required().defaultValue(false))
        .build();
    return BundledPlugins.plugin(NAME, PRIORITY, PluginFields.withoutConsumer(Field.record(config))
        .check(EntityChecks.onlyOneOf("config.allow", "config.deny"))
        .check(EntityChecks.atLeastOneOf("config.allow", "config.deny"))
        .build());
  }
}
