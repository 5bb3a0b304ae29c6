package io.silverback.gateway.plugins.auth;

import io.silverback.core.config.Entity;
import io.silverback.gateway.plugin.ConfigView;
import java.util.HashMap;
import java.util.Map;

/**
 * Credentials of one type by a unique field (key-auth keys, basic-auth usernames), built once per
 * snapshot: the proxy's answer to Kong's {@code select_by_key} / {@code select_by_username} cache.
 */
public final class CredentialIndex {
  private CredentialIndex() {}

  /**
   * A view of the {@code type} entities by the text of their {@code field}; entities without it
   * are left out.
   */
  public static ConfigView<Map<String, Entity>> by(String type, String field) {
    return new ConfigView<>(type + " by " + field, config -> {
      Map<String, Entity> out = new HashMap<>();
      for (Entity e : config.all(type)) {
        String value = e.text(field);
        if (value != null) {
          out.put(value, e);
        }
      }
      return Map.copyOf(out);
    });
  }
}
