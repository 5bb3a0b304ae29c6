package io.silverback.gateway.tls;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds {@link Config} snapshots with certificates, SNIs, CA certificates and services. */
final class TlsConfigs {
  static final EntityRegistry REGISTRY = EntityRegistry.standard();
  private final List<Entity> entities = new ArrayList<>();

  static TlsConfigs config() {
    return new TlsConfigs();
  }

  /** A certificate entity serving {@code snis}; returns its id. */
  String certificate(TestPki.Issued cert, String... snis) {
    return certificate(cert, null, snis);
  }

  /** A certificate entity with {@code cert_alt}/{@code key_alt} when {@code alt} is not null. */
  String certificate(TestPki.Issued cert, TestPki.Issued alt, String... snis) {
    String id = UUID.randomUUID().toString();
    ObjectNode fields = Json.object().put("id", id).put("cert", cert.certPem()).put("key", cert.keyPem());
    if (alt != null) {
      fields.put("cert_alt", alt.certPem()).put("key_alt", alt.keyPem());
    } else {
      fields.putNull("cert_alt").putNull("key_alt");
    }
    entities.add(new Entity("certificates", id, fields));
    for (String sni : snis) {
      String sniId = UUID.randomUUID().toString();
      ObjectNode s = Json.object().put("id", sniId).put("name", sni);
      s.putObject("certificate").put("id", id);
      entities.add(new Entity("snis", sniId, s));
    }
    return id;
  }

  /** A CA certificate entity; returns its id. */
  String caCertificate(TestPki.Issued ca) {
    String id = UUID.randomUUID().toString();
    entities.add(new Entity("ca_certificates", id, Json.object().put("id", id).put("cert", ca.leafPem())));
    return id;
  }

  /** Adds an entity as given. */
  TlsConfigs add(Entity entity) {
    entities.add(entity);
    return this;
  }

  Config build() {
    Config.Builder builder = Config.builder(REGISTRY);
    entities.forEach(builder::put);
    return builder.build();
  }
}
