package io.silverback.gateway.plugins.log;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code custom_fields_by_lua}: Silverback runs no Lua, so the fields are left out, and the
 * first configuration that sets them is reported once per plugin.
 */
public final class CustomFields {
  private static final System.Logger LOG = System.getLogger(CustomFields.class.getName());

  private final String plugin;
  private final AtomicBoolean warned = new AtomicBoolean();

  /** For the plugin named {@code plugin}. */
  public CustomFields(String plugin) {
    this.plugin = plugin;
  }

  /** Notes a configuration; says once that its {@code custom_fields_by_lua} are not run. */
  public void check(JsonNode config) {
    JsonNode fields = config.path("custom_fields_by_lua");
    if (fields.isObject() && !fields.isEmpty() && warned.compareAndSet(false, true)) {
      LOG.log(System.Logger.Level.WARNING, plugin + ": custom_fields_by_lua " + fields.properties().stream()
          .map(Map.Entry::getKey).toList() + " are not logged: Silverback runs no Lua");
    }
  }
}
