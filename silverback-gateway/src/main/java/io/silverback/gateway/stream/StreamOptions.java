package io.silverback.gateway.stream;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.typedef.IpRanges;
import java.util.List;

/**
 * The node settings the stream proxy reads.
 *
 * @param trusted {@code trusted_ips}: on a {@code proxy_protocol} listener, a connection from one of
 *     them is taken to come from the source its PROXY header names (Kong's stream server blocks set
 *     {@code set_real_ip_from} to them, and the stream realip module reads the PROXY header)
 */
public record StreamOptions(IpRanges trusted) {
  /** Nobody trusted. */
  public static final StreamOptions DEFAULTS = new StreamOptions(IpRanges.NONE);

  /** The stream settings of {@code conf}. */
  public static StreamOptions from(NodeConf conf) {
    List<String> trusted = conf.list("trusted_ips").stream().filter(v -> !v.equals("unix:")).toList();
    return new StreamOptions(trusted.isEmpty() ? IpRanges.NONE : IpRanges.of(trusted));
  }
}
