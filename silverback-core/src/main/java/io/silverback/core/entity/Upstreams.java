package io.silverback.core.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.EntityCheck;
import io.silverback.core.schema.EntityChecks;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.Json;
import io.silverback.core.schema.Shorthand;
import io.silverback.core.typedef.Hosts;
import java.util.List;
import java.util.Optional;

/**
 * The {@code upstreams} entity (kong/db/schema/entities/upstreams.lua), with its health-check
 * record in {@link Healthchecks}.
 */
public final class Upstreams {
  private static final List<String> HASH_ON =
      List.of("none", "consumer", "ip", "header", "cookie", "path", "query_arg", "uri_capture");

  private Upstreams() {}

  /** The schema. */
  public static EntitySchema schema() {
    EntitySchema.Builder b = EntitySchema.entity("upstreams")
        .endpointKey("name")
        .field("id", Typedefs.uuid())
        .field("created_at", Typedefs.timestamp())
        .field("name", Field.string().required().unique().custom(Upstreams::validateName))
        .field("updated_at", Typedefs.timestamp())
        .field("algorithm", Field.string().defaultValue("round-robin")
            .oneOf("consistent-hashing", "least-connections", "round-robin", "latency"))
        .field("hash_on", hashOn())
        .field("hash_fallback", hashOn())
        .field("hash_on_header", Typedefs.headerName())
        .field("hash_fallback_header", Typedefs.headerName())
        .field("hash_on_cookie", Typedefs.cookieName())
        .field("hash_on_cookie_path", Typedefs.path().defaultValue("/"))
        .field("hash_on_query_arg", Field.string().lenMin(1))
        .field("hash_fallback_query_arg", Field.string().lenMin(1))
        .field("hash_on_uri_capture", Field.string().lenMin(1))
        .field("hash_fallback_uri_capture", Field.string().lenMin(1))
        .field("slots", Field.integer().defaultValue(10000).between(10, 65536))
        .field("healthchecks", Healthchecks.field())
        .field("tags", Typedefs.tags())
        .field("host_header", Typedefs.hostWithOptionalPort())
        .field("client_certificate", Field.foreign("certificates"))
        .field("use_srv_name", Field.bool().defaultValue(false));
    b.check(requiredWhen("hash_on", "header", "hash_on_header"))
        .check(requiredWhen("hash_fallback", "header", "hash_fallback_header"))
        .check(requiredWhen("hash_on", "cookie", "hash_on_cookie"))
        .check(requiredWhen("hash_fallback", "cookie", "hash_on_cookie"))
        .check(fallbackOneOf("none", "none"))
        .check(fallbackOneOf("cookie", "none"))
        .check(fallbackOneOf("consumer", "none", "ip", "header", "cookie", "path", "query_arg", "uri_capture"))
        .check(fallbackOneOf("ip", "none", "consumer", "header", "cookie", "path", "query_arg", "uri_capture"))
        .check(fallbackOneOf("path", "none", "consumer", "header", "cookie", "query_arg", "ip", "uri_capture"))
        .check(EntityChecks.distinct("hash_on_header", "hash_fallback_header"))
        .check(requiredWhen("hash_on", "query_arg", "hash_on_query_arg"))
        .check(requiredWhen("hash_fallback", "query_arg", "hash_fallback_query_arg"))
        .check(EntityChecks.distinct("hash_on_query_arg", "hash_fallback_query_arg"))
        .check(requiredWhen("hash_on", "uri_capture", "hash_on_uri_capture"))
        .check(requiredWhen("hash_fallback", "uri_capture", "hash_fallback_uri_capture"))
        .check(EntityChecks.distinct("hash_on_uri_capture", "hash_fallback_uri_capture"));
    return b.shorthand(new Shorthand("algorithm", Field.string().build(), Upstreams::expandAlgorithm))
        .shorthand(new Shorthand("hash_on", Field.string().build(), Upstreams::expandHashOn))
        .build();
  }

  private static Field.Builder hashOn() {
    return Field.string().defaultValue("none").oneOf(HASH_ON);
  }

  private static EntityCheck requiredWhen(String ifField, String value, String thenField) {
    return EntityChecks.conditional(ifField, b -> b.match("^" + value + "$")).thenRequired(thenField).build();
  }

  private static EntityCheck fallbackOneOf(String hashOn, Object... allowed) {
    return EntityChecks.conditional("hash_on", b -> b.match("^" + hashOn + "$"))
        .then("hash_fallback", b -> b.oneOf(allowed))
        .build();
  }

  /** least-connections and latency hash on nothing. */
  private static ObjectNode expandAlgorithm(JsonNode value) {
    ObjectNode out = Json.object();
    out.set("algorithm", value);
    if (value.isTextual() && List.of("least-connections", "latency").contains(value.textValue())) {
      out.putNull("hash_on");
    }
    return out;
  }

  /** hash_on none means round-robin; any other hash_on means consistent-hashing. */
  private static ObjectNode expandHashOn(JsonNode value) {
    ObjectNode out = Json.object();
    if (value.isNull()) {
      out.put("hash_on", "none");
    } else {
      out.set("hash_on", value);
      out.put("algorithm", "none".equals(value.textValue()) ? "round-robin" : "consistent-hashing");
    }
    return out;
  }

  private static Optional<String> validateName(String name) {
    String shown = "Invalid name ('" + name + "')";
    return Hosts.classify(name).map(kind -> switch (kind) {
      case INVALID -> shown + "; must be a valid hostname";
      case IP -> shown + "; no ip addresses allowed";
      case NAME_WITH_PORT -> shown + "; no port allowed";
      case NAME -> null;
    });
  }
}
