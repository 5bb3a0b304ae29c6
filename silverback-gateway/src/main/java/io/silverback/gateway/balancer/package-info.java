/**
 * Load balancing over Kong's upstreams and targets: a {@link
 * io.silverback.gateway.balancer.BalancerRegistry} keeps one {@link
 * io.silverback.gateway.balancer.UpstreamBalancer} per upstream (round-robin, consistent-hashing,
 * least-connections, latency), with active and passive health checks. Health is runtime state of
 * this node: it survives config reloads and is never stored or backed up.
 */
package io.silverback.gateway.balancer;
