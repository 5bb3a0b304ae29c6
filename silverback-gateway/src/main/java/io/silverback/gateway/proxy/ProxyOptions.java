package io.silverback.gateway.proxy;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.typedef.IpRanges;
import java.util.List;

/**
 * The node settings the proxy reads on every request, decoded once from the {@link NodeConf}:
 * {@code trusted_ips}, {@code real_ip_header} and {@code real_ip_recursive} ({@link RealIp}),
 * {@code headers} ({@link ResponseHeaders}), {@code headers_upstream}, {@code
 * allow_debug_header} and the {@code upstream_keepalive_*} settings ({@link UpstreamKeepalive}).
 *
 * @param realIp who may name the client and forward {@code X-Forwarded-*}
 * @param headers Kong's headers on client responses
 * @param upstreamRequestId whether {@code X-Kong-Request-Id} goes upstream
 * @param allowDebugHeader whether a {@code Kong-Debug} request header is honoured
 * @param keepalive the upstream keep-alive pools' settings
 */
public record ProxyOptions(RealIp realIp, ResponseHeaders headers, boolean upstreamRequestId,
    boolean allowDebugHeader, UpstreamKeepalive keepalive) {
  /** Kong's defaults. */
  public static final ProxyOptions DEFAULTS = new ProxyOptions(RealIp.NONE, ResponseHeaders.DEFAULTS, true, false,
      UpstreamKeepalive.DEFAULTS);

  /**
   * The options of {@code conf}.
   *
   * @throws io.silverback.core.conf.ConfException when a value is invalid (the conf loader checks
   *     them first, so this only happens for a hand-built configuration)
   */
  public static ProxyOptions from(NodeConf conf) {
    List<String> trusted = conf.list("trusted_ips").stream().filter(v -> !v.equals("unix:")).toList();
    RealIp realIp = new RealIp(trusted.isEmpty() ? IpRanges.NONE : IpRanges.of(trusted), conf.get("real_ip_header"),
        conf.bool("real_ip_recursive"));
    boolean upstreamId = conf.list("headers_upstream").stream().anyMatch(v -> v.equalsIgnoreCase("X-Kong-Request-Id"));
    return new ProxyOptions(realIp, ResponseHeaders.of(conf.list("headers")), upstreamId,
        conf.bool("allow_debug_header"), UpstreamKeepalive.from(conf));
  }

  /** Whether requests need an id: for the client, upstream, or both. */
  boolean requestIds() {
    return headers.requestId() || upstreamRequestId;
  }
}
