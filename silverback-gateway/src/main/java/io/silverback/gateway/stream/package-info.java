/**
 * Kong's stream subsystem: the {@code stream_listen} listeners, which proxy raw TCP connections
 * (and TLS ones, terminated on {@code ssl} listeners) to the service of the {@code tcp} or {@code
 * tls} route they match ({@link io.silverback.core.router.StreamRouter}).
 *
 * <p>What lives here: the listeners on the node's event loops ({@link
 * io.silverback.gateway.stream.StreamServer}), the per-snapshot state ({@link
 * io.silverback.gateway.stream.StreamSnapshots}), one session per connection (match, ip-restriction,
 * peer choice through the balancers, connect with retries) and the byte pipe with idle timeouts.
 * What must not: HTTP, and matching rules, which are pure code in {@code core.router}.
 */
package io.silverback.gateway.stream;
