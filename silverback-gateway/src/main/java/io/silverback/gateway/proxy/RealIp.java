package io.silverback.gateway.proxy;

import io.silverback.core.typedef.IpRanges;
import io.vertx.core.MultiMap;
import java.util.List;

/**
 * Kong's {@code trusted_ips}, {@code real_ip_header} and {@code real_ip_recursive}, which Kong
 * hands to nginx's realip module ({@code set_real_ip_from}): a connection from a trusted address
 * may name the client in {@code real_ip_header}, and its {@code X-Forwarded-*} headers are kept.
 *
 * <p>The header is read as nginx reads it: a comma-separated list whose last address is the
 * client; with {@code recursive}, trusted addresses are skipped from the right and the first
 * untrusted one is the client (the leftmost when all are trusted). A value that is not an
 * address leaves the connection's address in place. With nobody trusted (the default) nothing is
 * read, so the feature costs one check per request.
 *
 * <p>{@code real_ip_header = proxy_protocol} takes the source address of the connection's PROXY
 * protocol header instead (listeners flagged {@code proxy_protocol}), again only when the
 * connection comes from a trusted address, as nginx's {@code real_ip_header proxy_protocol}.
 *
 * @param trusted the trusted addresses and ranges
 * @param header the header naming the client ({@code X-Real-IP} by default)
 * @param recursive nginx's {@code real_ip_recursive}
 */
record RealIp(IpRanges trusted, String header, boolean recursive) {
  static final RealIp NONE = new RealIp(IpRanges.NONE, "X-Real-IP", false);
  /** The {@code real_ip_header} value that names the PROXY protocol's source address. */
  static final String PROXY_PROTOCOL = "proxy_protocol";

  /**
   * The client of one connection.
   *
   * @param ip the client's address after the realip rules ({@code $remote_addr})
   * @param remote the address of the connection ({@code $realip_remote_addr})
   * @param trusted whether the connection comes from a trusted address
   */
  record Client(String ip, String remote, boolean trusted) {}

  /** Whether the client may be named by a PROXY protocol header ({@code real_ip_header = proxy_protocol}). */
  boolean readsProxyProtocol() {
    return !trusted.isEmpty() && header.equalsIgnoreCase(PROXY_PROTOCOL);
  }

  /** The client of a request from {@code remote} with {@code headers}, on a connection without a PROXY header. */
  Client client(String remote, MultiMap headers) {
    return client(remote, null, headers);
  }

  /**
   * The client of a request from {@code remote} with {@code headers}.
   *
   * @param proxied the source address in the connection's PROXY protocol header, or null
   */
  Client client(String remote, String proxied, MultiMap headers) {
    if (trusted.isEmpty() || !trusted.contains(remote)) {
      return new Client(remote, remote, false);
    }
    if (header.equalsIgnoreCase(PROXY_PROTOCOL)) {
      return new Client(proxied == null ? remote : proxied, remote, true);
    }
    List<String> values = headers.getAll(header);
    if (values.isEmpty()) {
      return new Client(remote, remote, true);
    }
    String ip = fromList(String.join(",", values));
    return new Client(ip == null ? remote : ip, remote, true);
  }

  /** The client named by a comma-separated address list; null when the chosen entry is not an address. */
  private String fromList(String list) {
    String[] items = list.split(",");
    String chosen = null;
    for (int i = items.length - 1; i >= 0; i--) {
      String item = items[i].strip();
      if (item.isEmpty()) {
        continue;
      }
      if (!IpRanges.isAddress(item)) {
        return chosen;
      }
      chosen = item;
      if (!recursive || !trusted.contains(item)) {
        return chosen;
      }
    }
    return chosen;
  }
}
