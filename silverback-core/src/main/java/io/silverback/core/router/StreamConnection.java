package io.silverback.core.router;

/**
 * What the stream router may look at on one accepted connection: Kong's {@code net.protocol},
 * {@code net.src.*}, {@code net.dst.*} and {@code tls.sni}.
 *
 * @param protocol {@code tls} for a connection whose TLS the proxy terminated, else {@code tcp}
 * @param sourceIp the client's address (after the PROXY protocol rules), as a literal
 * @param sourcePort the client's port
 * @param destinationIp the local address the client connected to
 * @param destinationPort the local port the client connected to
 * @param sni the host name the client sent in SNI, or null (always null for {@code tcp})
 */
public record StreamConnection(String protocol, String sourceIp, int sourcePort, String destinationIp,
    int destinationPort, String sni) {
  /** Whether the connection came over TLS. */
  public boolean tls() {
    return "tls".equals(protocol);
  }
}
