package io.silverback.core.entity;

import io.silverback.core.schema.EntityChecks;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import io.silverback.core.tls.CertificateChecks;
import java.time.Clock;
import java.util.List;

/**
 * The {@code ca_certificates} entity (kong/db/schema/entities/ca_certificates.lua): one CA
 * certificate, not expired, whose SHA-256 digest is computed on write.
 */
public final class CaCertificates {
  private CaCertificates() {}

  /** The schema; {@code clock} decides what "expired" means. */
  public static EntitySchema schema(Clock clock) {
    return EntitySchema.entity("ca_certificates")
        .notWorkspaceable()
        .field("id", Typedefs.uuid())
        .field("created_at", Typedefs.timestamp())
        .field("updated_at", Typedefs.timestamp())
        .field("cert", Typedefs.certificate().required())
        .field("cert_digest", Field.string().unique())
        .field("tags", Typedefs.tags())
        .check(EntityChecks.custom(List.of("cert"),
            e -> CertificateChecks.caCertificate(e.get("cert").textValue(), clock.instant())))
        .transformation(e -> {
          if (e.path("cert").isTextual()) {
            e.put("cert_digest", CertificateChecks.sha256Digest(e.get("cert").textValue()));
          }
        })
        .build();
  }
}
