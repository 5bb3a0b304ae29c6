package io.silverback.gateway.proxy;

import io.vertx.core.http.HttpClientConnection;

/**
 * One upstream connection of an {@link UpstreamPool}: the Vert.x connection, the requests it
 * served (Kong's {@code upstream_keepalive_max_requests}), since when it is idle, and whether it
 * closed. Lives on its event loop only.
 */
final class UpstreamConnection {
  private final HttpClientConnection connection;
  private final Object key;
  private int requests;
  private long idleSince;
  private boolean closed;

  UpstreamConnection(HttpClientConnection connection, Object key) {
    this.connection = connection;
    this.key = key;
  }

  HttpClientConnection connection() {
    return connection;
  }

  Object key() {
    return key;
  }

  /** Counts one more request sent on this connection. */
  void countRequest() {
    requests++;
  }

  /** The requests sent on this connection so far. */
  int requests() {
    return requests;
  }

  long idleSince() {
    return idleSince;
  }

  void idleSince(long nanos) {
    this.idleSince = nanos;
  }

  boolean closed() {
    return closed;
  }

  void markClosed() {
    this.closed = true;
  }
}
