package io.silverback.gateway.balancer;

import java.util.Set;

/** The balancer of one upstream. Thread-safe: every event loop picks from it. */
public interface UpstreamBalancer {
  /** The upstream entity's name. */
  String name();

  /** The upstream's {@code host_header}, or null. */
  String hostHeader();

  /** Whether no peer can be had because no target name resolved (Kong's 503 {@code name resolution failed}). */
  default boolean nameResolutionFailed() {
    return false;
  }

  /**
   * A peer for one attempt, skipping {@code tried} (earlier attempts of the same request), or null
   * when no healthy peer is left (Kong then answers 503 {@code failure to get a peer from the
   * ring-balancer}). The caller must {@link #release} every peer it was given.
   */
  Peer pick(HashInput input, Set<Peer> tried);

  /**
   * How an attempt to {@code peer} ended.
   *
   * @param status the upstream's status for {@link Outcome#RESPONSE}, else 0
   * @param latencyMillis connect plus time to the response headers, for {@link Outcome#RESPONSE}
   */
  void report(Peer peer, Outcome outcome, int status, long latencyMillis);

  /** The attempt to {@code peer} is over (least-connections counts active attempts). */
  void release(Peer peer);
}
