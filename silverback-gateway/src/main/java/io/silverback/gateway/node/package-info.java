/**
 * The node's lifecycle: the prefix directory ({@link io.silverback.gateway.node.Prefix}), the pid
 * file, the node id, and {@link io.silverback.gateway.node.Node}, which opens the store, binds the
 * Admin API and proxy listeners, reloads DB-less configuration, and stops in order. Command-line
 * parsing and printing belong to {@code silverback-cli}; Admin API routes to {@code admin}.
 */
package io.silverback.gateway.node;
