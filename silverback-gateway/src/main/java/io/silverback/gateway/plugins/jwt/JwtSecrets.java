package io.silverback.gateway.plugins.jwt;

import io.silverback.core.config.Entity;
import io.silverback.core.tls.Pem;
import io.silverback.core.tls.PemException;
import io.silverback.gateway.plugin.ConfigView;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code jwt_secrets} of a snapshot by {@code key}, with their {@code rsa_public_key} parsed
 * once per snapshot rather than per request.
 */
final class JwtSecrets {
  /**
   * One credential.
   *
   * @param entity the {@code jwt_secrets} entity
   * @param publicKey its parsed {@code rsa_public_key}, or null when absent or unreadable
   */
  record Secret(Entity entity, PublicKey publicKey) {
    /** The credential's algorithm, {@code HS256} when unset. */
    String algorithm() {
      String alg = entity.text("algorithm");
      return alg == null ? "HS256" : alg;
    }
  }

  static final ConfigView<Map<String, Secret>> BY_KEY = new ConfigView<>("jwt_secrets by key", config -> {
    Map<String, Secret> out = new HashMap<>();
    for (Entity e : config.all("jwt_secrets")) {
      if (e.text("key") != null) {
        out.put(e.text("key"), new Secret(e, publicKey(e.text("rsa_public_key"))));
      }
    }
    return Map.copyOf(out);
  });

  private JwtSecrets() {}

  private static PublicKey publicKey(String pem) {
    if (pem == null) {
      return null;
    }
    try {
      return Pem.publicKey(pem);
    } catch (PemException e) {
      return null;
    }
  }
}
