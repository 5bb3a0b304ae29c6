package io.silverback.core.plugin;

import io.silverback.core.schema.RecordSchema;

/**
 * A plugin Silverback ships: its name, version and priority (Kong's handler {@code PRIORITY}, the
 * higher the earlier in the access phase), and the subschema that refines the {@code plugins}
 * entity for it: {@code config}, and where Kong restricts them, {@code protocols}, {@code
 * consumer}, {@code route} and {@code service}.
 *
 * @param name the plugin name, as in {@code plugins[].name}
 * @param version the plugin version reported by the Admin API
 * @param priority the execution priority
 * @param subschema the fields that override the {@code plugins} entity's fields
 */
public record PluginSchema(String name, String version, int priority, RecordSchema subschema) {}
