package io.silverback.core.entity;

import io.silverback.core.schema.EntityChecks;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import io.silverback.core.tls.KeyChecks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The credential entities of the auth plugins (kong/plugins/{key-auth,basic-auth,acl,jwt,
 * hmac-auth}/daos.lua). Each belongs to a consumer and is deleted with it.
 */
public final class Credentials {
  private Credentials() {}

  private static EntitySchema.Builder credential(String name) {
    return EntitySchema.entity(name)
        .field("id", Typedefs.uuid())
        .field("created_at", Typedefs.timestamp())
        .field("consumer", Field.foreign("consumers").required().onDeleteCascade());
  }

  /** {@code keyauth_credentials}: an API key, random when absent; may carry a ttl. */
  public static EntitySchema keyAuth() {
    return credential("keyauth_credentials")
        .ttl()
        .endpointKey("key")
        .cacheKey("key")
        .adminApiName("key-auths")
        .adminApiNestedName("key-auth")
        .field("key", Field.string().unique().auto().sensitive())
        .field("tags", Typedefs.tags())
        .build();
  }

  /** {@code basicauth_credentials}: the password is stored as Kong's salted SHA-1. */
  public static EntitySchema basicAuth() {
    return credential("basicauth_credentials")
        .endpointKey("username")
        .cacheKey("username")
        .adminApiName("basic-auths")
        .adminApiNestedName("basic-auth")
        .field("username", Field.string().required().unique())
        .field("password", Field.string().required().sensitive())
        .field("tags", Typedefs.tags())
        .transformation(c -> c.put("password",
            hashPassword(c.path("consumer").path("id").asText(), c.path("password").asText())), "password")
        .build();
  }

  /** {@code acls}: a consumer's membership of a group. */
  public static EntitySchema acls() {
    return credential("acls")
        .cacheKey("consumer", "group")
        .field("group", Field.string().required())
        .field("tags", Typedefs.tags())
        .build();
  }

  /** {@code jwt_secrets}: key and secret random when absent; RSA-family algorithms need a key. */
  public static EntitySchema jwt() {
    return credential("jwt_secrets")
        .endpointKey("key")
        .cacheKey("key")
        .adminApiName("jwts")
        .adminApiNestedName("jwt")
        .field("key", Field.string().unique().auto())
        .field("secret", Field.string().auto().sensitive())
        .field("rsa_public_key", Field.string())
        .field("algorithm", Field.string().defaultValue("HS256").oneOf(
            "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512",
            "PS256", "PS384", "PS512", "EdDSA"))
        .field("tags", Typedefs.tags())
        .check(EntityChecks.conditional("algorithm", b -> b.matchAny("no match",
                "^RS256$", "^RS384$", "^RS512$", "^PS256$", "^PS384$", "^PS512$", "^EdDSA$"))
            .thenRequired("rsa_public_key", b -> b.custom(KeyChecks::jwtPublicKey))
            .build())
        .build();
  }

  /** {@code hmacauth_credentials}: secret random when absent. */
  public static EntitySchema hmacAuth() {
    return credential("hmacauth_credentials")
        .endpointKey("username")
        .cacheKey("username")
        .adminApiName("hmac-auths")
        .adminApiNestedName("hmac-auth")
        .field("username", Field.string().required().unique())
        .field("secret", Field.string().auto().sensitive())
        .field("tags", Typedefs.tags())
        .build();
  }

  /** Kong's basic-auth hash: hex SHA-1 of the password followed by the consumer id. */
  public static String hashPassword(String consumerId, String password) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(sha1.digest((password + consumerId).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-1", e);
    }
  }
}
