package io.silverback.core.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.EntityChecks;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;
import io.silverback.core.schema.VaultReference;
import io.silverback.core.tls.KeyChecks;
import java.util.List;
import java.util.Optional;

/**
 * The {@code keys} entity (kong/db/schema/entities/keys.lua): a JWK or a PEM pair, in a set.
 */
public final class Keys {
  private Keys() {}

  /** The schema. */
  public static EntitySchema schema() {
    RecordSchema pem = RecordSchema.builder()
        .field("private_key", Field.string().referenceable().sensitive())
        .field("public_key", Field.string().referenceable())
        .check(EntityChecks.atLeastOneOf("private_key", "public_key"))
        .build();
    return EntitySchema.entity("keys")
        .endpointKey("name")
        .cacheKey("kid", "set")
        .field("id", Typedefs.uuid())
        .field("set", Field.foreign("key_sets").onDeleteCascade())
        .field("name", Field.string().unique())
        .field("kid", Field.string().required())
        .field("jwk", Field.string().referenceable().sensitive())
        .field("pem", Field.record(pem).optional().customNode(Keys::validatePem))
        .field("tags", Typedefs.tags())
        .field("created_at", Typedefs.timestamp())
        .field("updated_at", Typedefs.timestamp())
        .check(EntityChecks.mutuallyExclusive("jwk", "pem"))
        .check(EntityChecks.atLeastOneOf("jwk", "pem"))
        .check(EntityChecks.custom(List.of("jwk", "pem", "kid"), Keys::checkKey))
        .build();
  }

  private static Optional<String> validatePem(JsonNode pem) {
    String priv = pem.path("private_key").isTextual() ? pem.get("private_key").textValue() : null;
    String pub = pem.path("public_key").isTextual() ? pem.get("public_key").textValue() : null;
    if ((priv != null && VaultReference.is(priv)) || (pub != null && VaultReference.is(pub))) {
      return Optional.empty();
    }
    return KeyChecks.pemPair(Optional.ofNullable(priv), Optional.ofNullable(pub));
  }

  private static Optional<String> checkKey(ObjectNode key) {
    JsonNode jwk = key.get("jwk");
    if (jwk != null && jwk.isTextual() && !VaultReference.is(jwk.textValue())) {
      return KeyChecks.jwkForKid(jwk.textValue(), key.path("kid").asText());
    }
    JsonNode pem = key.get("pem");
    if (pem != null && pem.isObject() && pem.path("private_key").isNull() && pem.path("public_key").isNull()) {
      return Optional.of("need to supply a PEM formatted public and/or private key.");
    }
    return Optional.empty();
  }
}
