package io.silverback.gateway.plugins.auth;

import io.silverback.core.config.Entity;
import io.silverback.gateway.plugin.ConfigView;
import io.silverback.gateway.plugin.ProxyExchange;
import java.util.Map;
import java.util.regex.Pattern;

/** Consumer lookups of the auth plugins, as Kong's {@code kong.client.load_consumer}. */
public final class Consumers {
  private static final ConfigView<Map<String, Entity>> BY_USERNAME = CredentialIndex.by("consumers", "username");
  private static final Pattern UUID = Pattern.compile(
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private Consumers() {}

  /** The consumer with this id in the exchange's snapshot, or null. */
  public static Entity byId(ProxyExchange ex, String id) {
    return id == null ? null : ex.config().get("consumers", id).orElse(null);
  }

  /**
   * The consumer {@code idOrUsername} names, as {@code load_consumer(x, true)}: by id when it is a
   * uuid, else (or when no consumer has that id) by username; null when none.
   */
  public static Entity byIdOrUsername(ProxyExchange ex, String idOrUsername) {
    Entity found = UUID.matcher(idOrUsername).matches() ? byId(ex, idOrUsername) : null;
    return found != null ? found : ex.view(BY_USERNAME).get(idOrUsername);
  }
}
