package io.silverback.core.typedef;

import io.silverback.core.typedef.AddressParse.Invalid;
import io.silverback.core.typedef.AddressParse.Valid;
import java.util.Optional;

/**
 * The host-like typedefs of {@code kong/db/schema/typedefs.lua}: {@code host}, {@code
 * host_with_optional_port}, {@code sni}, {@code wildcard_host} and the elements of {@code hosts}
 * (route hosts), plus the host checks entities make themselves (upstream names, targets). All of
 * them delegate to {@link Addresses#normalizeIp(String)} and differ only in which outcomes they
 * reject and with which message.
 */
public final class Hosts {
  /** How {@link #classify(String)} sees a value, in the order upstreams.lua tests it. */
  public enum Kind {
    /** normalize_ip rejects it. */
    INVALID,
    /** An IPv4 or IPv6 address, with or without port. */
    IP,
    /** A hostname with a port. */
    NAME_WITH_PORT,
    /** A plain hostname. */
    NAME
  }

  private static final String MUST_NOT_HAVE_PORT = "must not have a port";
  private static final String MUST_NOT_BE_IP = "must not be an IP";

  private Hosts() {}

  /**
   * typedefs.host: a hostname or IP address without a port.
   *
   * @param host the value to check
   * @return {@code invalid value: <host>} or {@code must not have a port} (also for an out-of-range
   *     port), empty when valid
   */
  public static Optional<String> host(String host) {
    AddressParse parsed = Addresses.normalizeIp(host);
    if (parsed instanceof Invalid invalid) {
      return Optional.of(isPortError(invalid) ? MUST_NOT_HAVE_PORT : "invalid value: " + host);
    }
    return ((Valid) parsed).port().isPresent() ? Optional.of(MUST_NOT_HAVE_PORT) : Optional.empty();
  }

  /**
   * typedefs.host_with_optional_port: a hostname or IP address with an optional port.
   *
   * @param host the value to check
   * @return the raw parse error ({@code invalid hostname: <h>}, {@code invalid ipv4 address: <h>},
   *     {@code invalid ipv6 address: <h>}, {@code invalid ipv6 address}, {@code invalid port
   *     number}), empty when valid
   */
  public static Optional<String> hostWithOptionalPort(String host) {
    AddressParse parsed = Addresses.normalizeIp(host);
    return parsed instanceof Invalid invalid ? Optional.of(invalid.error()) : Optional.empty();
  }

  /**
   * typedefs.sni (and {@code redis_server_name}): a hostname, not an IP, without a port.
   *
   * @param sni the value to check
   * @return {@code invalid value: <sni>}, {@code must not be an IP} or {@code must not have a
   *     port}, empty when valid
   */
  public static Optional<String> sni(String sni) {
    return nameWithoutPort(sni);
  }

  /**
   * typedefs.wildcard_host (certificate SNIs, route {@code snis}): like {@link #sni(String)} but
   * one {@code *} is allowed as the first or last character. The wildcard is replaced by the word
   * {@code wildcard} before parsing, so parse errors show that word, as in Kong.
   *
   * @param host the value to check
   * @return {@code wildcard must be leftmost or rightmost character}, {@code only one wildcard must
   *     be specified}, {@code invalid value: <mock host>}, {@code must not be an IP} or {@code must
   *     not have a port}, empty when valid
   */
  public static Optional<String> wildcardHost(String host) {
    int first = host.indexOf('*');
    if (first < 0) {
      return nameWithoutPort(host);
    }
    if (first != 0 && first != host.length() - 1) {
      return Optional.of("wildcard must be leftmost or rightmost character");
    }
    if (host.indexOf('*', first + 1) >= 0) {
      return Optional.of("only one wildcard must be specified");
    }
    String mock = host.replace("*", "wildcard");
    return nameWithoutPort(mock);
  }

  /**
   * One element of the route {@code hosts} array: at most one {@code *}, placed as the whole
   * leftmost or rightmost label, then a host with optional port once the {@code *} is replaced by
   * {@code abc}.
   *
   * @param host the value to check
   * @return {@code invalid wildcard: must have at most one wildcard}, {@code invalid wildcard: must
   *     be placed at leftmost or rightmost label}, or the parse error of the substituted host (for
   *     example {@code invalid hostname: abc.foo bar} or {@code invalid port number}), empty when
   *     valid
   */
  public static Optional<String> routeHost(String host) {
    int first = host.indexOf('*');
    if (first >= 0) {
      if (host.indexOf('*', first + 1) >= 0) {
        return Optional.of("invalid wildcard: must have at most one wildcard");
      }
      if (!host.startsWith("*.") && !host.endsWith(".*")) {
        return Optional.of("invalid wildcard: must be placed at leftmost or rightmost label");
      }
      return hostWithOptionalPort(host.replace("*", "abc"));
    }
    return hostWithOptionalPort(host);
  }

  /**
   * Classifies a value as Kong's upstream {@code validate_name} does: not parseable, an IP
   * address, a name with a port, or a plain name.
   *
   * @param host the value to classify
   * @return the kind; never empty (an {@code Optional} so that callers can map kinds to messages)
   */
  public static Optional<Kind> classify(String host) {
    AddressParse parsed = Addresses.normalizeIp(host);
    if (parsed instanceof Invalid) {
      return Optional.of(Kind.INVALID);
    }
    Valid valid = (Valid) parsed;
    if (valid.kind() != AddressParse.Kind.NAME) {
      return Optional.of(Kind.IP);
    }
    return Optional.of(valid.port().isPresent() ? Kind.NAME_WITH_PORT : Kind.NAME);
  }

  /**
   * The targets entity check: whether {@code normalize_ip} accepts the value (a hostname, IPv4 or
   * IPv6 address, each with an optional port).
   *
   * @param target the value to check
   * @return whether it is a valid target
   */
  public static boolean isValidHostOrIp(String target) {
    return Addresses.normalizeIp(target) instanceof Valid;
  }

  /**
   * Kong's target formatting ({@code kong/db/dao/targets.lua} {@code format_target}: {@code
   * format_host(normalize_ip(target), 8000)}): the normalized host with the given port when none
   * was written. IPv4 loses leading zeros, IPv6 is fully expanded and bracketed.
   *
   * @param target the target as written, e.g. {@code 001.2.3.4} or {@code ::1} or {@code a.test:80}
   * @param defaultPort the port to add when the target has none
   * @return e.g. {@code 1.2.3.4:8000}, {@code [0000:0000:0000:0000:0000:0000:0000:0001]:8000},
   *     {@code a.test:80}; the input unchanged when it is not a valid target
   */
  public static String withDefaultPort(String target, int defaultPort) {
    AddressParse parsed = Addresses.normalizeIp(target);
    if (!(parsed instanceof Valid valid)) {
      return target;
    }
    int port = valid.port().orElse(defaultPort);
    String host = valid.kind() == AddressParse.Kind.IPV6 ? "[" + valid.host() + "]" : valid.host();
    return host + ":" + port;
  }

  private static Optional<String> nameWithoutPort(String host) {
    AddressParse parsed = Addresses.normalizeIp(host);
    if (parsed instanceof Invalid invalid) {
      return Optional.of(isPortError(invalid) ? MUST_NOT_HAVE_PORT : "invalid value: " + host);
    }
    Valid valid = (Valid) parsed;
    if (valid.kind() != AddressParse.Kind.NAME) {
      return Optional.of(MUST_NOT_BE_IP);
    }
    return valid.port().isPresent() ? Optional.of(MUST_NOT_HAVE_PORT) : Optional.empty();
  }

  private static boolean isPortError(Invalid invalid) {
    return invalid.error().equals(Addresses.INVALID_PORT);
  }
}
