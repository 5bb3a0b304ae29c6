package io.silverback.gateway.balancer;

/**
 * One address a balancer hands out: a target's host (name or IP) and port.
 *
 * @param targetId the target entity's id
 * @param host the host to connect to
 * @param port the port to connect to
 */
public record Peer(String targetId, String host, int port) {
  /** {@code host:port}, with brackets around an IPv6 host, as Kong names target addresses. */
  public String address() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
