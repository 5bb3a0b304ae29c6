package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.ErrorTree;
import io.silverback.core.schema.Json;
import io.silverback.store.Page;
import io.silverback.store.PageRequest;
import io.silverback.store.StoreErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * {@code PUT /certificates/{id or SNI name}} as Kong's ({@code kong/api/routes/certificates.lua}
 * and the certificates DAO, {@code kong/db/dao/certificates.lua}): a name addresses the certificate
 * that owns that SNI, or a new certificate when no certificate does; the body's {@code snis} (a
 * list or one name) become the certificate's SNI entities, sorted, and the name in the path is
 * always one of them. SNIs the certificate had and the body leaves out are deleted; a body without
 * {@code snis} leaves the certificate none but the path's name.
 *
 * <p>Departure from Kong: Kong appends the path's name only when the body has {@code snis}, so a
 * {@code PUT /certificates/example.com} without them creates a certificate with no SNI, under a
 * new id each time; here the path's name is kept, so repeating the request updates the same
 * certificate.
 *
 * <p>As in Kong, the certificate and its SNIs are separate writes: names owned by another
 * certificate are refused before anything is written ({@code <name> already associated with
 * existing certificate '<id>'}), and a duplicated name too ({@code <name> is duplicated}).
 */
final class CertificatePut {
  private final EntityOps ops;
  private final EntitySchema schema;

  CertificatePut(EntityOps ops, EntitySchema schema) {
    this.ops = ops;
    this.schema = schema;
  }

  Reply put(AdminRequest request) {
    String key = request.param(schema.name());
    Optional<String> name = EntityOps.isUuid(key) ? Optional.empty() : Optional.of(key);
    String id = name.flatMap(n -> ops.store().find("snis", n)).map(sni -> sni.foreignId("certificate"))
        .orElse(EntityOps.isUuid(key) ? key : UUID.randomUUID().toString());
    ObjectNode body = request.body(schema);
    List<String> names = names(body.get("snis"), name);
    refuseTaken(names, id);
    ArrayNode sorted = Json.array();
    new TreeSet<>(names).forEach(sorted::add);
    body.set("snis", sorted);
    Entity certificate = ops.upsert(schema, id, body);
    syncSnis(id, new TreeSet<>(names));
    ObjectNode reply = ops.json(certificate);
    reply.set("snis", sorted);
    return Reply.ok(reply);
  }

  /** The body's names (a list, one name, or none) plus the path's, refusing duplicates. */
  private static List<String> names(JsonNode snis, Optional<String> pathName) {
    List<String> out = new ArrayList<>();
    if (snis != null && snis.isArray()) {
      snis.forEach(n -> out.add(n.asText()));
    } else if (snis != null && snis.isTextual()) {
      out.add(snis.textValue());
    }
    for (int i = 0; i < out.size(); i++) {
      if (out.subList(0, i).contains(out.get(i))) {
        throw StoreErrors.schemaViolation(new ErrorTree().put("snis", out.get(i) + " is duplicated"));
      }
    }
    pathName.filter(n -> !out.contains(n)).ifPresent(out::add);
    return out;
  }

  /** Kong's {@code check_list_is_new}: every name is free or already this certificate's. */
  private void refuseTaken(List<String> names, String id) {
    for (String n : names) {
      Optional<Entity> sni = ops.store().find("snis", n);
      if (sni.isPresent() && !id.equals(sni.get().foreignId("certificate"))) {
        throw StoreErrors.schemaViolation(new ErrorTree().put("snis",
            n + " already associated with existing certificate '" + sni.get().foreignId("certificate") + "'"));
      }
    }
  }

  /** Kong's {@code update_list}: inserts the new names, then deletes the ones left out. */
  private void syncSnis(String id, TreeSet<String> wanted) {
    List<Entity> current = new ArrayList<>();
    PageRequest request = PageRequest.first().withSize(PageRequest.MAX_SIZE).withForeign("certificate", id);
    while (true) {
      Page page = ops.store().page("snis", request);
      current.addAll(page.data());
      if (page.offset().isEmpty()) {
        break;
      }
      request = request.withOffset(page.offset().get());
    }
    TreeSet<String> missing = new TreeSet<>(wanted);
    current.forEach(sni -> missing.remove(sni.text("name")));
    for (String n : missing) {
      ObjectNode sni = Json.object().put("name", n);
      sni.putObject("certificate").put("id", id);
      ops.store().insert("snis", sni);
    }
    current.stream().filter(sni -> !wanted.contains(sni.text("name")))
        .forEach(sni -> ops.store().delete("snis", sni.id()));
  }
}
