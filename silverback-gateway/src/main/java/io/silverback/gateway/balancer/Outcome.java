package io.silverback.gateway.balancer;

/** How one attempt to a {@link Peer} ended, for passive health checks and latency balancing. */
public enum Outcome {
  /** The upstream answered (the status decides healthy or unhealthy). */
  RESPONSE,
  /** The connection failed or broke (Kong's {@code tcp_failures}). */
  TCP_FAILURE,
  /** The upstream timed out (Kong's {@code timeouts}). */
  TIMEOUT
}
