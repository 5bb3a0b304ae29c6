/**
 * The running node: the Admin API ({@code admin}), the node's lifecycle ({@code node}) and the
 * snapshot the proxy serves from ({@code snapshot}); the proxy itself comes with its issue.
 * Vert.x; nothing on an event loop blocks: store calls run on worker threads.
 */
package io.silverback.gateway;
