package io.silverback.core.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.EntityChecks;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.Json;
import io.silverback.core.schema.Shorthand;
import io.silverback.core.typedef.SocketUrl;

/** The {@code services} entity (kong/db/schema/entities/services.lua). */
public final class Services {
  private static final double MAX_TIMEOUT = Math.pow(2, 31) - 2;

  private Services() {}

  /** The schema. */
  public static EntitySchema schema() {
    return EntitySchema.entity("services")
        .endpointKey("name")
        .field("id", Typedefs.uuid())
        .field("created_at", Typedefs.timestamp())
        .field("updated_at", Typedefs.timestamp())
        .field("name", Typedefs.utf8Name())
        .field("retries", Field.integer().defaultValue(5).between(0, 32767))
        .field("protocol", Typedefs.protocol().required().defaultValue("http"))
        .field("host", Typedefs.host().required())
        .field("port", Typedefs.port().required().defaultValue(80))
        .field("path", Typedefs.path())
        .field("connect_timeout", nonzeroTimeout())
        .field("write_timeout", nonzeroTimeout())
        .field("read_timeout", nonzeroTimeout())
        .field("tags", Typedefs.tags())
        .field("client_certificate", Field.foreign("certificates"))
        .field("tls_verify", Field.bool())
        .field("tls_verify_depth", Field.integer().defaultNull().between(0, 64))
        .field("ca_certificates", Field.array(Field.string().uuidFormat().build()))
        .field("enabled", Field.bool().required().defaultValue(true))
        .check(EntityChecks.conditional("protocol", b -> b.oneOf("tcp", "tls", "udp", "grpc", "grpcs"))
            .then("path", Field.Builder::mustBeNull).build())
        .check(tlsOnly("client_certificate"))
        .check(tlsOnly("tls_verify"))
        .check(tlsOnly("tls_verify_depth"))
        .check(tlsOnly("ca_certificates"))
        .shorthand(new Shorthand("url", Field.string().build(), Services::expandUrl))
        .build();
  }

  private static Field.Builder nonzeroTimeout() {
    return Field.integer().between(1, MAX_TIMEOUT).defaultValue(60000);
  }

  private static io.silverback.core.schema.EntityCheck tlsOnly(String field) {
    return EntityChecks.conditional("protocol", b -> b.notOneOf("https", "tls"))
        .then(field, Field.Builder::mustBeNull)
        .build();
  }

  /**
   * Expands {@code url} into protocol, host, port and path as Kong does: the scheme, else https
   * for port 443, else http; the explicit port, else 80 for http and 443 for https.
   */
  static ObjectNode expandUrl(JsonNode value) {
    SocketUrl url = SocketUrl.parse(value.textValue());
    Integer port = url.portNumber().orElse(null);
    String byPort = port == null ? null : port == 80 ? "http" : port == 443 ? "https" : null;
    String protocol = url.scheme().orElse(byPort != null ? byPort : "http");
    ObjectNode out = Json.object();
    out.put("protocol", protocol);
    url.host().ifPresentOrElse(h -> out.put("host", h), () -> out.putNull("host"));
    if (port != null) {
      out.put("port", port);
    } else if (url.port().isPresent()) {
      out.put("port", url.port().get());
    } else {
      out.put("port", "https".equals(protocol) ? 443 : 80);
    }
    url.path().ifPresentOrElse(p -> out.put("path", p), () -> out.putNull("path"));
    return out;
  }
}
