/**
 * Load balancing over Kong's upstreams and targets: a {@link
 * io.silverback.gateway.balancer.BalancerRegistry} keeps one {@link
 * io.silverback.gateway.balancer.UpstreamBalancer} per upstream (round-robin, consistent-hashing,
 * least-connections, latency), with active and passive health checks. Health is runtime state of
 * this node: it survives config reloads and is never stored or backed up.
 *
 * <p>The public types are the proxy's and the Admin API's view ({@code BalancerRegistry},
 * {@code UpstreamBalancer}, {@code Peer}, {@code HashInput}, {@code Outcome}, {@code
 * UpstreamHealth}); the algorithms ({@code RoundRobin}, {@code ConsistentHashing}, {@code
 * LeastConnections}, {@code Latency}) and the health counting ({@code TargetHealth}, {@code
 * ActiveChecker}) are package-private. Nothing here reads the store or answers HTTP: the registry
 * is fed {@code Config} snapshots, the Admin API's {@code BalancerRoutes} renders its health, and
 * {@code cluster.ClusterHealth} carries health sets between nodes.
 */
package io.silverback.gateway.balancer;
