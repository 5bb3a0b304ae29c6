package io.silverback.core.tls;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.VaultReference;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * The key validations of Kong's {@code keys} entity ({@code typedefs.pem}, {@code typedefs.jwk},
 * kong/db/schema/entities/keys.lua) and of JWT credentials' {@code rsa_public_key}
 * (kong/plugins/jwt/daos.lua). Each check returns Kong's message, or empty when the value is valid.
 */
public final class KeyChecks {
  static final String INVALID_JWK = "could not load JWK, likely not a valid key";

  private KeyChecks() {}

  /**
   * The {@code jwt_secrets.rsa_public_key} check (for the RS*, PS* and EdDSA algorithms). Despite
   * the name Kong loads anything OpenSSL loads: a PEM public or private key, or a JWK. The field is
   * not referenceable in Kong, so a vault reference is rejected like any other non-key.
   *
   * @param value the field value
   * @return {@code invalid key}, or empty
   */
  public static Optional<String> jwtPublicKey(String value) {
    try {
      KeyLoader.load(value);
      return Optional.empty();
    } catch (PemException e) {
      return Optional.of("invalid key");
    }
  }

  /**
   * The {@code typedefs.pem} check on a {@code keys.pem} record: each key given must load as PEM of
   * its kind, and together they must be a pair. Nothing is checked when either is a vault
   * reference. (Optional parameters because both fields of the record are optional.)
   *
   * @param privateKey the {@code private_key} field, if set
   * @param publicKey the {@code public_key} field, if set
   * @return {@code could not load public key}, {@code could not load private key<reason>} (Kong
   *     appends the reason without a separator), {@code public key does not match private key}, or
   *     empty
   */
  public static Optional<String> pemPair(Optional<String> privateKey, Optional<String> publicKey) {
    if (privateKey.filter(VaultReference::is).isPresent()
        || publicKey.filter(VaultReference::is).isPresent()) {
      return Optional.empty();
    }
    PublicKey loadedPublic = null;
    if (publicKey.isPresent()) {
      try {
        loadedPublic = Pem.publicKey(publicKey.get());
      } catch (PemException e) {
        return Optional.of("could not load public key");
      }
    }
    PrivateKey loadedPrivate = null;
    if (privateKey.isPresent()) {
      try {
        loadedPrivate = Pem.privateKey(privateKey.get());
      } catch (PemException e) {
        return Optional.of("could not load private key" + KeyLoader.reason(e));
      }
    }
    if (loadedPublic != null
        && loadedPrivate != null
        && !KeyPairs.matches(loadedPublic, loadedPrivate)) {
      return Optional.of("public key does not match private key");
    }
    return Optional.empty();
  }

  /**
   * The {@code typedefs.jwk} check: the JSON must load as an RSA, EC or OKP key.
   *
   * @param jwk the JWK as a JSON string; vault references are accepted unparsed
   * @return {@code could not load JWK, likely not a valid key}, or empty
   */
  public static Optional<String> jwk(String jwk) {
    if (VaultReference.is(jwk)) {
      return Optional.empty();
    }
    try {
      Jwk.load(jwk);
      return Optional.empty();
    } catch (PemException e) {
      return Optional.of(INVALID_JWK);
    }
  }

  /**
   * The {@code keys} entity check on {@code jwk}, in Kong's order: the string must decode as JSON,
   * its {@code kid} must equal the entity's {@code kid}, the key must load, and its members must
   * fit {@code typedefs.jwk}.
   *
   * @param jwk the entity's {@code jwk} string; vault references are accepted unparsed
   * @param kid the entity's {@code kid}
   * @return {@code could not json decode jwk string}, {@code kid in jwk.kid must be equal to
   *     keys.kid}, {@code could not load JWK, likely not a valid key}, a {@code Validation error:}
   *     summary, or empty
   */
  public static Optional<String> jwkForKid(String jwk, String kid) {
    Objects.requireNonNull(kid, "kid");
    if (VaultReference.is(jwk)) {
      return Optional.empty();
    }
    JsonNode decoded;
    try {
      decoded = Jwk.parse(jwk);
    } catch (PemException e) {
      return Optional.of("could not json decode jwk string");
    }
    var jwkKid = decoded.path("kid");
    if (!jwkKid.isTextual() || !jwkKid.asText().equals(kid)) {
      return Optional.of("kid in jwk.kid must be equal to keys.kid");
    }
    try {
      Jwk.load(decoded);
    } catch (PemException e) {
      return Optional.of(INVALID_JWK);
    }
    return JwkSchema.validate(decoded);
  }
}
