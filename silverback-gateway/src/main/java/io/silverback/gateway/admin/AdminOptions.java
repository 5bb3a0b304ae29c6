package io.silverback.gateway.admin;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.declarative.DeclarativeConfig;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How an {@link AdminServer} behaves beyond what {@link AdminContext} holds: the request body
 * limit, the optional admin token, and where the DB-less configuration hash comes from.
 *
 * @param bodyLimit the largest request body accepted, in bytes; larger bodies get 413
 * @param adminToken when present, every request but a CORS preflight must carry it in
 *     {@code Kong-Admin-Token}
 * @param configurationHash the hash of the loaded declarative configuration, reported by
 *     {@code /status} in DB-less mode (32 zeros until one is loaded)
 * @param latencyHeader whether replies carry {@code X-Kong-Admin-Latency} (Kong's {@code headers}
 *     setting: {@code latency_tokens} or the header's own name)
 */
public record AdminOptions(long bodyLimit, Optional<String> adminToken, Supplier<String> configurationHash,
    boolean latencyHeader) {
  /** Kong's {@code nginx_admin_client_max_body_size} default: 10 MiB. */
  public static final long DEFAULT_BODY_LIMIT = 10L * 1024 * 1024;
  /** The configuration key of the body limit, honoured once {@code silverback.conf.default} has it. */
  public static final String BODY_LIMIT_KEY = "admin_body_size";
  /** The configuration key of the admin token, honoured once {@code silverback.conf.default} has it. */
  public static final String TOKEN_KEY = "admin_token";

  public AdminOptions {
    if (bodyLimit < 1) {
      throw new IllegalArgumentException("bodyLimit must be positive, was " + bodyLimit);
    }
    adminToken = adminToken.filter(t -> !t.isEmpty());
    Objects.requireNonNull(configurationHash, "configurationHash");
  }

  /** A 10 MiB body limit, no token, an empty configuration hash, the latency header. */
  public static AdminOptions defaults() {
    return new AdminOptions(DEFAULT_BODY_LIMIT, Optional.empty(), () -> DeclarativeConfig.EMPTY_HASH, true);
  }

  /**
   * The defaults, overridden by {@value #BODY_LIMIT_KEY} (bytes, or with a {@code k}/{@code m}
   * suffix as nginx sizes) and {@value #TOKEN_KEY} where {@code conf} knows those keys.
   *
   * @throws IllegalArgumentException when the body size is not a size
   */
  public static AdminOptions from(NodeConf conf) {
    AdminOptions options = defaults();
    if (NodeConf.knownKeys().contains(BODY_LIMIT_KEY)) {
      Optional<String> size = conf.optional(BODY_LIMIT_KEY);
      if (size.isPresent()) {
        options = options.withBodyLimit(parseSize(size.get()));
      }
    }
    if (NodeConf.knownKeys().contains(TOKEN_KEY)) {
      options = options.withAdminToken(conf.optional(TOKEN_KEY).orElse(""));
    }
    return options.withLatencyHeader(conf.list("headers").stream()
        .anyMatch(h -> h.equalsIgnoreCase("latency_tokens") || h.equalsIgnoreCase("X-Kong-Admin-Latency")));
  }

  public AdminOptions withBodyLimit(long limit) {
    return new AdminOptions(limit, adminToken, configurationHash, latencyHeader);
  }

  /** Requires {@code token} on every request; an empty token requires none. */
  public AdminOptions withAdminToken(String token) {
    return new AdminOptions(bodyLimit, Optional.ofNullable(token), configurationHash, latencyHeader);
  }

  public AdminOptions withConfigurationHash(Supplier<String> hash) {
    return new AdminOptions(bodyLimit, adminToken, hash, latencyHeader);
  }

  /** Sends {@code X-Kong-Admin-Latency} on replies, or not. */
  public AdminOptions withLatencyHeader(boolean on) {
    return new AdminOptions(bodyLimit, adminToken, configurationHash, on);
  }

  /** An nginx size: {@code 1024}, {@code 512k}, {@code 10m}. */
  static long parseSize(String value) {
    String v = value.strip().toLowerCase(java.util.Locale.ROOT);
    long unit = 1;
    if (v.endsWith("k")) {
      unit = 1024;
    } else if (v.endsWith("m")) {
      unit = 1024 * 1024;
    }
    String digits = unit == 1 ? v : v.substring(0, v.length() - 1);
    try {
      return Math.multiplyExact(Long.parseLong(digits), unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("'" + value + "' is not a size (expected bytes, or a number with k or m)", e);
    }
  }
}
