package io.silverback.core.entity;

import io.silverback.core.schema.EntityChecks;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import io.silverback.core.tls.CertificateChecks;
import java.util.List;

/**
 * The {@code certificates} entity (kong/db/schema/entities/certificates.lua). Its {@code snis}
 * field is transient: in a declarative file, {@code snis} under a certificate are SNI entities.
 */
public final class Certificates {
  private Certificates() {}

  /** The schema. */
  public static EntitySchema schema() {
    return EntitySchema.entity("certificates")
        .field("id", Typedefs.uuid())
        .field("created_at", Typedefs.timestamp())
        .field("updated_at", Typedefs.timestamp())
        .field("cert", Typedefs.certificate().required().referenceable())
        .field("key", Typedefs.key().required().referenceable().sensitive())
        .field("cert_alt", Typedefs.certificate().referenceable())
        .field("key_alt", Typedefs.key().referenceable().sensitive())
        .field("tags", Typedefs.tags())
        .field("snis", Field.array(Typedefs.wildcardHost().build()).transientField())
        .check(EntityChecks.mutuallyRequired("cert_alt", "key_alt"))
        .check(EntityChecks.custom(List.of("cert", "key"),
            e -> CertificateChecks.certificateMatchesKey(e.get("cert").textValue(), e.get("key").textValue())))
        .check(EntityChecks.custom(List.of("cert_alt", "key_alt"),
            e -> e.path("cert_alt").isTextual() && e.path("key_alt").isTextual()
                ? CertificateChecks.alternativeMatchesKey(e.get("cert_alt").textValue(), e.get("key_alt").textValue())
                : java.util.Optional.empty()))
        .check(EntityChecks.custom(List.of("cert", "cert_alt"),
            e -> e.path("cert").isTextual() && e.path("cert_alt").isTextual()
                ? CertificateChecks.differentKeyTypes(e.get("cert").textValue(), e.get("cert_alt").textValue())
                : java.util.Optional.empty()))
        .build();
  }
}
