package io.silverback.core.conf;

import io.silverback.core.typedef.IpRanges;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The type of every key that is not free text, and the check of its value. Keys absent here are
 * strings and accept anything. Messages follow Kong's {@code "<key> has an invalid value: '<v>'
 * (...)"} shape from {@code kong/conf_loader/parse.lua}.
 */
final class ConfChecks {
  /** What a value of one key must look like; returns the problem, or empty when it is fine. */
  @FunctionalInterface
  interface Check {
    Optional<String> problem(String value);
  }

  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([kKmM]?)");

  static final Check INTEGER = v -> parseInt(v).filter(n -> n >= 0).isPresent()
      ? Optional.empty() : Optional.of("expected a whole number, 0 or more");
  static final Check PORT = v -> parseInt(v).filter(n -> n >= 1 && n <= 65535).isPresent()
      ? Optional.empty() : Optional.of("expected a port number between 1 and 65535");
  static final Check BOOLEAN = v -> parseBool(v).isPresent()
      ? Optional.empty() : Optional.of("expected on, off, true or false");
  static final Check LISTEN = v -> ListenSyntax.parse(v).isPresent()
      ? Optional.empty() : Optional.of(ListenSyntax.USAGE);
  static final Check STREAM_LISTEN = ConfChecks::streamListenProblem;
  static final Check SIZE_CHECK = v -> parseSize(v).isPresent()
      ? Optional.empty() : Optional.of("expected a size in bytes, or with a k or m suffix, such as 10m");

  static final Check OPTIONAL_INTEGER = v -> v.isBlank() ? Optional.empty() : INTEGER.problem(v);
  static final Check IPS = ConfChecks::ipsProblem;

  /** Kong's {@code headers} values ({@code kong/constants.lua} HEADERS and HEADER_KEY_TO_NAME), lower case. */
  static final List<String> RESPONSE_HEADERS = List.of("server", "via", "x-kong-proxy-latency",
      "x-kong-response-latency", "x-kong-admin-latency", "x-kong-upstream-latency", "x-kong-upstream-status",
      "x-kong-request-id", "server_tokens", "latency_tokens", "off");

  static final Check DIRECTORY = v -> v.isBlank() ? Optional.of("expected a directory") : Optional.empty();

  static final Map<String, Check> BY_KEY = Map.ofEntries(
      Map.entry("prefix", DIRECTORY),
      Map.entry("proxy_listen", LISTEN),
      Map.entry("admin_listen", LISTEN),
      Map.entry("stream_listen", STREAM_LISTEN),
      Map.entry("admin_body_size", SIZE_CHECK),
      Map.entry("database", oneOf("postgres", "off")),
      Map.entry("pg_port", PORT),
      Map.entry("pg_timeout", INTEGER),
      Map.entry("pg_max_concurrent_queries", INTEGER),
      Map.entry("pg_ssl", BOOLEAN),
      Map.entry("pg_ssl_verify", BOOLEAN),
      Map.entry("headers", listOf(RESPONSE_HEADERS)),
      Map.entry("headers_upstream", listOf(List.of("x-kong-request-id", "off"))),
      Map.entry("trusted_ips", IPS),
      Map.entry("real_ip_recursive", BOOLEAN),
      Map.entry("allow_debug_header", BOOLEAN),
      Map.entry("dns_order", listOf(List.of("last", "srv", "a", "aaaa", "cname"))),
      Map.entry("dns_valid_ttl", OPTIONAL_INTEGER),
      Map.entry("dns_not_found_ttl", INTEGER),
      Map.entry("dns_error_ttl", INTEGER),
      Map.entry("upstream_keepalive_pool_size", INTEGER),
      Map.entry("upstream_keepalive_max_requests", INTEGER),
      Map.entry("upstream_keepalive_idle_timeout", INTEGER),
      Map.entry("nginx_worker_processes", v -> v.strip().equalsIgnoreCase("auto")
          || parseInt(v).filter(n -> n >= 1).isPresent() ? Optional.empty()
          : Optional.of("expected auto or a whole number, 1 or more")));

  private ConfChecks() {}

  /** The check of {@code key}; accepts anything for free-text keys. */
  static Check of(String key) {
    return BY_KEY.getOrDefault(key, v -> Optional.empty());
  }

  static Optional<Integer> parseInt(String value) {
    try {
      return Optional.of(Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static Optional<Boolean> parseBool(String value) {
    switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "on", "true":
        return Optional.of(true);
      case "off", "false":
        return Optional.of(false);
      default:
        return Optional.empty();
    }
  }

  /** An nginx size ({@code 512}, {@code 8k}, {@code 10m}) in bytes. */
  static Optional<Long> parseSize(String value) {
    Matcher m = SIZE.matcher(value.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    return Optional.of(switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> n << 10;
      case "m" -> n << 20;
      default -> n;
    });
  }

  /** The comma-separated items of {@code value}, stripped, empty ones dropped. */
  static List<String> items(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
  }

  /** Kong's stream syntax; {@code udp} listeners parse but are refused, as UDP is not served. */
  private static Optional<String> streamListenProblem(String value) {
    Optional<List<Listener>> listeners = ListenSyntax.parseStream(value);
    if (listeners.isEmpty()) {
      return Optional.of(ListenSyntax.STREAM_USAGE);
    }
    return listeners.get().stream().filter(l -> l.flags().contains("udp")).findFirst()
        .map(l -> "udp listeners are not supported (" + l + " udp): Silverback serves tcp and tls stream routes only");
  }

  private static Optional<String> ipsProblem(String value) {
    try {
      IpRanges.of(items(value).stream().filter(v -> !v.equals("unix:")).toList());
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** A comma-separated list whose items (case-insensitive) are all in {@code allowed}. */
  private static Check listOf(List<String> allowed) {
    return v -> items(v).stream().filter(i -> !allowed.contains(i.toLowerCase(Locale.ROOT))).findFirst()
        .map(bad -> "'" + bad + "' is not one of " + String.join(", ", allowed));
  }

  private static Check oneOf(String... allowed) {
    List<String> values = List.of(allowed);
    return v -> values.contains(v) ? Optional.empty() : Optional.of(String.join(", ", values));
  }
}
