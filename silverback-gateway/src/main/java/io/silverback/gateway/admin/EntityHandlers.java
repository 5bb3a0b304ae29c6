package io.silverback.gateway.admin;

import io.silverback.core.schema.EntitySchema;

/**
 * {@code GET}, {@code PUT}, {@code PATCH} and {@code DELETE} on one entity
 * ({@code /services/{services}}); a certificate may also be addressed by one of its SNI names,
 * and {@code PUT} on a certificate sets its SNIs ({@link CertificatePut}).
 */
final class EntityHandlers {
  private final EntityOps ops;
  private final EntitySchema schema;
  private final CertificatePut certificates;

  EntityHandlers(EntityOps ops, EntitySchema schema) {
    this.ops = ops;
    this.schema = schema;
    this.certificates = schema.name().equals("certificates") ? new CertificatePut(ops, schema) : null;
  }

  Reply get(AdminRequest request) {
    return Reply.ok(ops.json(ops.require(schema, key(request))));
  }

  Reply put(AdminRequest request) {
    if (certificates != null) {
      return certificates.put(request);
    }
    return Reply.ok(ops.json(ops.upsert(schema, key(request), request.body(schema))));
  }

  Reply patch(AdminRequest request) {
    return Reply.ok(ops.json(ops.update(schema, key(request), request.body(schema))));
  }

  Reply delete(AdminRequest request) {
    ops.delete(schema, key(request));
    return Reply.noContent();
  }

  private String key(AdminRequest request) {
    String key = request.param(schema.name());
    if (schema.name().equals("certificates") && !EntityOps.isUuid(key) && !request.method().equals("PUT")) {
      return certificateOfSni(key);
    }
    return key;
  }

  /**
   * Kong's {@code /certificates/{sni name}} ({@code kong/api/routes/certificates.lua}
   * {@code prepare_params}): the id of the certificate serving that SNI, or 404
   * {@code SNI not found}.
   */
  private String certificateOfSni(String name) {
    return ops.store().find("snis", name)
        .map(sni -> sni.foreignId("certificate"))
        .orElseThrow(() -> AdminException.of(404, "SNI not found"));
  }
}
