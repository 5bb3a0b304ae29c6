package io.silverback.core.conf;

import java.util.Set;

/**
 * One entry of a {@code *_listen} key ({@code proxy_listen}, {@code admin_listen}, {@code
 * stream_listen}): where to bind and Kong's flags written after the address.
 *
 * @param host the host or IP to bind, without the brackets of an IPv6 address
 * @param port the port (0 binds a free port, which tests use)
 * @param flags the flags as written ({@code ssl}, {@code http2}, {@code udp}, {@code backlog=512}, ...)
 */
public record Listener(String host, int port, Set<String> flags) {
  public Listener {
    flags = Set.copyOf(flags);
  }

  /** Whether connections must use TLS ({@code ssl} flag). */
  public boolean ssl() {
    return flags.contains("ssl");
  }

  /**
   * The address to connect to for reaching this listener from the same machine: a wildcard host
   * ({@code 0.0.0.0}, {@code ::}) is reached on the loopback interface.
   */
  public String connectHost() {
    return switch (host) {
      case "0.0.0.0", "*" -> "127.0.0.1";
      case "::" -> "::1";
      default -> host;
    };
  }

  /** {@code host:port} as written in the configuration, IPv6 in brackets. */
  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
