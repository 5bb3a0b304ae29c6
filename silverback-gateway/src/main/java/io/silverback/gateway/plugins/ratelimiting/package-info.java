/**
 * The {@code rate-limiting} plugin: Kong's fixed windows ({@link
 * io.silverback.gateway.plugins.ratelimiting.RateLimitingHandler}), counted in this node or in
 * Redis. Nothing here blocks an event loop: Redis is reached with the Vert.x client.
 */
package io.silverback.gateway.plugins.ratelimiting;
