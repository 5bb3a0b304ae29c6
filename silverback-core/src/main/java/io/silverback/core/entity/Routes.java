package io.silverback.core.entity;

import io.silverback.core.schema.EntityChecks;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code routes} entity (kong/db/schema/entities/routes.lua) with its protocol subschemas
 * (routes_subschemas.lua), under Kong's default {@code router_flavor = traditional_compatible}.
 *
 * <p>Kong additionally compiles each route to an ATC expression as a last check; every route that
 * passes the checks here compiles there too, except pathological regexes, which the router issue
 * rejects when it compiles them.
 */
public final class Routes {
  static final String SNIS_ONLY_WITH_TLS =
      "'snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or 'tls_passthrough'";

  private Routes() {}

  /** The schema. */
  public static EntitySchema schema() {
    Map<String, RecordSchema> subschemas = subschemas();
    return EntitySchema.entity("routes")
        .endpointKey("name")
        .subschemas("protocols", p -> Optional.ofNullable(subschemas.get(p)), "unknown type: %s")
        .field("id", Typedefs.uuid())
        .field("created_at", Typedefs.timestamp())
        .field("updated_at", Typedefs.timestamp())
        .field("name", Typedefs.utf8Name())
        .field("protocols", Field.set(Typedefs.protocol().build())
            .lenMin(1)
            .required()
            .mutuallyExclusiveSubsets(List.of(
                List.of("http", "https"), List.of("tcp", "tls", "udp"), List.of("tls_passthrough"),
                List.of("grpc", "grpcs")))
            .defaultValue(List.of("http", "https")))
        .field("https_redirect_status_code",
            Field.integer().oneOf(426, 301, 302, 307, 308).defaultValue(426).required())
        .field("strip_path", Field.bool().required().defaultValue(true))
        .field("preserve_host", Field.bool().required().defaultValue(false))
        .field("request_buffering", Field.bool().required().defaultValue(true))
        .field("response_buffering", Field.bool().required().defaultValue(true))
        .field("tags", Typedefs.tags())
        .field("service", Field.foreign("services"))
        .field("snis", Field.set(Typedefs.wildcardHost().build()))
        .field("sources", Typedefs.endpoints())
        .field("destinations", Typedefs.endpoints())
        .field("methods", Typedefs.methods())
        .field("hosts", Typedefs.hosts())
        .field("paths", Typedefs.routerPaths())
        .field("headers", Typedefs.headers(Typedefs.headerName()
            .matchNone("^[Hh][Oo][Ss][Tt]$",
                "cannot contain 'host' header, which must be specified in the 'hosts' attribute")))
        .field("regex_priority", Field.integer().defaultValue(0))
        .field("path_handling", Field.string().defaultValue("v0").oneOf("v0", "v1"))
        .check(EntityChecks.conditional("protocols",
                b -> b.elements(Field.string().notOneOf("grpcs", "https", "tls", "tls_passthrough").build()))
            .then("snis", b -> b.lenEq(0))
            .thenErr(SNIS_ONLY_WITH_TLS)
            .build())
        .build();
  }

  private static Map<String, RecordSchema> subschemas() {
    RecordSchema http = http();
    RecordSchema stream = stream();
    RecordSchema grpc = grpc();
    return Map.of(
        "http", http, "https", http,
        "tcp", stream, "tls", stream, "udp", stream, "tls_passthrough", stream,
        "grpc", grpc, "grpcs", grpc);
  }

  private static Field.Builder forbidden(Field.Builder base, String field, String when) {
    return base.mustBeNull().err("cannot set '" + field + "' when 'protocols' is " + when);
  }

  private static RecordSchema http() {
    String when = "'http' or 'https'";
    return RecordSchema.builder()
        .field("sources", forbidden(Typedefs.endpoints(), "sources", when))
        .field("destinations", forbidden(Typedefs.endpoints(), "destinations", when))
        .check(EntityChecks.conditionalAtLeastOneOf(
            "protocols", b -> b.contains("https"),
            List.of("methods", "hosts", "headers", "paths", "snis"), "must set one of %s when 'protocols' is 'https'",
            b -> b.contains("http"),
            List.of("methods", "hosts", "headers", "paths"), "must set one of %s when 'protocols' is 'http'"))
        .build();
  }

  private static RecordSchema stream() {
    String when = "'tcp', 'tls', 'tls_passthrough' or 'udp'";
    return RecordSchema.builder()
        .field("methods", forbidden(Typedefs.methods(), "methods", when))
        .field("hosts", forbidden(Typedefs.hosts(), "hosts", when))
        .field("paths", forbidden(Typedefs.routerPaths(), "paths", when))
        .field("headers", forbidden(Typedefs.headers(Typedefs.headerName()), "headers", when))
        .check(EntityChecks.conditionalAtLeastOneOf(
            "protocols", b -> b.elements(Field.string().oneOf("tcp", "tls", "udp").build()),
            List.of("sources", "destinations", "snis"), "must set one of %s when 'protocols' is 'tcp', 'tls' or 'udp'",
            null, null, null))
        .check(EntityChecks.conditionalAtLeastOneOf(
            "protocols", b -> b.elements(Field.string().oneOf("tls_passthrough").build()),
            List.of("snis"), "must set snis when 'protocols' is 'tls_passthrough'",
            null, null, null))
        .build();
  }

  private static RecordSchema grpc() {
    String when = "'grpc' or 'grpcs'";
    return RecordSchema.builder()
        .field("strip_path", Field.bool().required().defaultValue(false).ne(true)
            .err("cannot set 'strip_path' when 'protocols' is 'grpc' or 'grpcs'"))
        .field("methods", forbidden(Typedefs.methods(), "methods", when))
        .field("sources", forbidden(Typedefs.endpoints(), "sources", when))
        .field("destinations", forbidden(Typedefs.endpoints(), "destinations", when))
        .check(EntityChecks.conditionalAtLeastOneOf(
            "protocols", b -> b.contains("grpcs"),
            List.of("hosts", "headers", "paths", "snis"), "must set one of %s when 'protocols' is 'grpcs'",
            b -> b.contains("grpc"),
            List.of("hosts", "headers", "paths"), "must set one of %s when 'protocols' is 'grpc'"))
        .build();
  }
}
