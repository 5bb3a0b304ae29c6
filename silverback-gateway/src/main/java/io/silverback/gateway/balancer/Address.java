package io.silverback.gateway.balancer;

/**
 * One target of a balancer: the peer handed to the proxy, the target as stored ({@code host:port},
 * brackets around IPv6), its weight, and the run-time state carried across snapshots. Targets
 * whose host is a name has one address per A record ({@link TargetResolver}), each with its own
 * state.
 *
 * @param peer what {@link UpstreamBalancer#pick} hands out
 * @param target the target's {@code target} field
 * @param name the host part of {@code target} as written (Kong's target name)
 * @param weight the target's weight; 0 keeps it out of balancing
 * @param state the run-time state of this address
 */
record Address(Peer peer, String target, String name, int weight, AddressState state) {
  int port() {
    return peer.port();
  }

  /** This target's address {@code peer}, with {@code state}. */
  Address with(Peer peer, AddressState state) {
    return new Address(peer, target, name, weight, state);
  }
}
