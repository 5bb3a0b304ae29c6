package io.silverback.core.plugin;

import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;

/**
 * The {@code file-log} plugin (kong/plugins/file-log/schema.lua). The path is at least two
 * characters, neither first nor last a space, and nowhere {@code * & % \} or a backquote.
 * {@code custom_fields_by_lua} chunks must compile (see {@link PluginFields#luaCode()}).
 */
public final class FileLogPlugin {
  public static final String NAME = "file-log";
  public static final int PRIORITY = 9;

  /**
   * Kong's Lua pattern {@code ^[^%s*&%%\`][^*&%%\`]*[^%s*&%%\`]$}. Lua matches bytes, so a
   * single non-ASCII character (two bytes or more in UTF-8) matches there, hence the alternative.
   */
  static final String PATH = "^(?:[^\\s*&%\\\\`][^*&%\\\\`]*[^\\s*&%\\\\`]|[^\\x00-\\x7F])\\z";

  private FileLogPlugin() {}

  /** The plugin's name, version, priority and subschema. */
  public static PluginSchema schema() {
    RecordSchema config = RecordSchema.builder()
        .field("path", Field.string().required().match(PATH).err("not a valid filename"))
        .field("reopen", Field.bool().required().defaultValue(false))
        .field("custom_fields_by_lua", PluginFields.luaCode())
        .build();
    return BundledPlugins.plugin(NAME, PRIORITY, PluginFields.anyProtocol(Field.record(config)).build());
  }
}
