package io.silverback.gateway.proxy;

import io.silverback.core.conf.NodeConf;

/**
 * Kong's upstream keep-alive settings, per event loop and destination as nginx applies them.
 *
 * @param poolSize {@code upstream_keepalive_pool_size}: idle connections kept per destination; 0
 *     keeps none (every request gets a new connection)
 * @param maxRequests {@code upstream_keepalive_max_requests}: requests a connection serves before
 *     it is closed; 0 for no limit
 * @param idleTimeoutSeconds {@code upstream_keepalive_idle_timeout}: how long an idle connection is
 *     kept; 0 for no limit
 */
public record UpstreamKeepalive(int poolSize, int maxRequests, int idleTimeoutSeconds) {
  /** Kong's defaults ({@code kong/templates/kong_defaults.lua}): 512, 10000 and 60 s. */
  public static final UpstreamKeepalive DEFAULTS = new UpstreamKeepalive(512, 10_000, 60);

  /**
   * The settings of {@code conf}.
   *
   * @throws io.silverback.core.conf.ConfException when a value is not a whole number
   */
  static UpstreamKeepalive from(NodeConf conf) {
    return new UpstreamKeepalive(conf.integer("upstream_keepalive_pool_size"),
        conf.integer("upstream_keepalive_max_requests"), conf.integer("upstream_keepalive_idle_timeout"));
  }

  /** Whether a connection that served {@code requests} may be kept for another. */
  boolean keeps(int requests) {
    return poolSize > 0 && (maxRequests == 0 || requests < maxRequests);
  }
}
