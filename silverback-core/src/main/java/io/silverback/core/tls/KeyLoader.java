package io.silverback.core.tls;

import java.security.Key;

/**
 * Loads a key the way Kong's {@code openssl_pkey.new(text)} does without options: a PEM private
 * key, else a PEM public key, else a JWK. Used for the {@code key} typedef, the private half of
 * certificates and JWT credentials' {@code rsa_public_key}.
 */
final class KeyLoader {
  private KeyLoader() {}

  /**
   * Loads {@code text} as a private key, public key or JWK.
   *
   * @throws PemException describing the most relevant failure
   */
  static Key load(String text) {
    PemException failure;
    try {
      return Pem.privateKey(text);
    } catch (PemException e) {
      failure = e;
    }
    try {
      return Pem.publicKey(text);
    } catch (PemException e) {
      if (failure.problem() == PemException.Problem.NO_BLOCK) {
        failure = e;
      }
    }
    if (text.stripLeading().startsWith("{")) {
      return Jwk.load(text);
    }
    if (failure.problem() == PemException.Problem.NO_BLOCK) {
      throw new PemException(
          PemException.Problem.NO_BLOCK, "no PEM private or public key found", failure);
    }
    throw failure;
  }

  /** The reason Kong prints after {@code invalid key: }, shaped like lua-resty-openssl's errors. */
  static String reason(PemException failure) {
    return "pkey.new:load_key: " + failure.getMessage();
  }
}
