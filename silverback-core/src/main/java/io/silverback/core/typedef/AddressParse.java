package io.silverback.core.typedef;

import java.util.OptionalInt;

/**
 * Outcome of {@link Addresses#normalizeIp(String)}: Kong's {@code normalize_ip} returns either a
 * table {@code {type, host, port}} or {@code nil} plus an error string; this is the same pair as a
 * Java sum type.
 */
public sealed interface AddressParse permits AddressParse.Valid, AddressParse.Invalid {

  /** The address type as Kong's {@code hostname_type} decides it: by exclusion, not validation. */
  enum Kind {
    IPV4,
    IPV6,
    NAME
  }

  /**
   * A valid address.
   *
   * @param kind how the address was classified
   * @param host IPv4 without leading zeros, IPv6 fully expanded and lower-cased without brackets,
   *     or the name as written (names are not normalized)
   * @param port the port, when the input carried one
   */
  record Valid(Kind kind, String host, OptionalInt port) implements AddressParse {}

  /**
   * An invalid address.
   *
   * @param error Kong's error text, e.g. {@code invalid hostname: foo bar} or {@code invalid port
   *     number}
   */
  record Invalid(String error) implements AddressParse {}
}
