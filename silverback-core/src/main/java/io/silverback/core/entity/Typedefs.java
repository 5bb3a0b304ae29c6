package io.silverback.core.entity;

import io.silverback.core.schema.EntityChecks;
import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;
import io.silverback.core.tls.CertificateChecks;
import io.silverback.core.typedef.Hosts;
import io.silverback.core.typedef.Ips;
import io.silverback.core.typedef.Names;
import io.silverback.core.typedef.Paths;
import java.util.List;

/**
 * Kong's shared field definitions (kong/db/schema/typedefs.lua), as field builders to refine.
 */
public final class Typedefs {
  /** Every protocol a route or service may name, sorted (Kong's {@code constants.PROTOCOLS}). */
  public static final List<String> PROTOCOLS =
      List.of("grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp");

  /** The protocols of the http subsystem, the default of plugins' {@code protocols}. */
  public static final List<String> HTTP_PROTOCOLS = List.of("grpc", "grpcs", "http", "https");

  private Typedefs() {}

  public static Field.Builder uuid() {
    return Field.uuid();
  }

  public static Field.Builder timestamp() {
    return Field.timestamp();
  }

  public static Field.Builder timestampMillis() {
    return Field.timestampMillis();
  }

  /** A unique name of alphanumerics, {@code . - _ ~} and non-ASCII characters. */
  public static Field.Builder utf8Name() {
    return Field.string().unique().custom(Names::utf8Name);
  }

  /** A unique ASCII name of alphanumerics and {@code . - _ ~}. */
  public static Field.Builder name() {
    return Field.string().unique().custom(Names::name);
  }

  public static Field.Builder protocol() {
    return Field.string().oneOf(PROTOCOLS);
  }

  public static Field.Builder host() {
    return Field.string().custom(Hosts::host);
  }

  public static Field.Builder hostWithOptionalPort() {
    return Field.string().custom(Hosts::hostWithOptionalPort);
  }

  public static Field.Builder wildcardHost() {
    return Field.string().custom(Hosts::wildcardHost);
  }

  public static Field.Builder sni() {
    return Field.string().custom(Hosts::sni);
  }

  public static Field.Builder ip() {
    return Field.string().custom(Ips::ip);
  }

  public static Field.Builder ipOrCidr() {
    return Field.string().custom(Ips::ipOrCidr);
  }

  public static Field.Builder cidrV4() {
    return Field.string().custom(Ips::cidrV4);
  }

  public static Field.Builder port() {
    return Field.integer().between(0, 65535);
  }

  /** A URL path: starts with {@code /}, no empty segments, RFC 3986 characters only. */
  public static Field.Builder path() {
    return Field.string().custom(Paths::path);
  }

  public static Field.Builder headerName() {
    return Field.string().custom(Names::headerName);
  }

  public static Field.Builder cookieName() {
    return Field.string().custom(Names::cookieName);
  }

  /** Milliseconds, 0 to 2^31-2. */
  public static Field.Builder timeout() {
    return Field.integer().between(0, Math.pow(2, 31) - 2);
  }

  public static Field.Builder tags() {
    return Field.set(Field.string().required().custom(Names::tag).build());
  }

  /** Plugins' protocols: a required set defaulting to the http-subsystem protocols. */
  public static Field.Builder protocols() {
    return Field.set(protocol().build()).required().defaultValue(HTTP_PROTOCOLS);
  }

  /** Protocols limited to the http subsystem (most plugins). */
  public static Field.Builder protocolsHttp() {
    return Field.set(Field.string().oneOf(HTTP_PROTOCOLS).build()).required().defaultValue(HTTP_PROTOCOLS);
  }

  /** Routes' {@code sources} and {@code destinations}: sets of {ip, port}. */
  public static Field.Builder endpoints() {
    RecordSchema ipPort = RecordSchema.builder()
        .field("ip", ipOrCidr())
        .field("port", port())
        .check(EntityChecks.atLeastOneOf("ip", "port"))
        .build();
    return Field.set(Field.record(ipPort).build());
  }

  public static Field.Builder methods() {
    return Field.set(Field.string().match("^[A-Z]+$").build());
  }

  public static Field.Builder hosts() {
    return Field.array(Field.string().custom(Hosts::routeHost).build());
  }

  public static Field.Builder routerPaths() {
    return Field.array(Field.string().custom(Paths::routerPath).build());
  }

  public static Field.Builder headers(Field.Builder keys) {
    return Field.map(keys.build(), Field.array(Field.string().build()).build());
  }

  public static Field.Builder certificate() {
    return Field.string().custom(CertificateChecks::certificate);
  }

  public static Field.Builder key() {
    return Field.string().custom(CertificateChecks::key);
  }

  /** A foreign key to consumers that must be null (plugins that cannot be scoped to one). */
  public static Field.Builder noConsumer() {
    return Field.foreign("consumers").mustBeNull();
  }

  public static Field.Builder noRoute() {
    return Field.foreign("routes").mustBeNull();
  }

  public static Field.Builder noService() {
    return Field.foreign("services").mustBeNull();
  }
}
