/**
 * What the nodes on one database tell each other besides configuration changes: Kong's cluster
 * events. {@link io.silverback.gateway.cluster.ClusterHealth} applies a target's health set through
 * the Admin API on this node and broadcasts it to the others ({@code balancer:post_health}).
 *
 * <p>The events travel through the store's {@link io.silverback.store.ClusterEvents}; nothing here
 * writes SQL, answers HTTP, or keeps an event after it was applied.
 */
package io.silverback.gateway.cluster;
