package io.silverback.core.router;

import io.silverback.core.config.Entity;

/**
 * The stream route a connection matched.
 *
 * @param route the route
 * @param service the route's service, whose protocol is {@code tcp} or {@code tls}
 */
public record StreamMatch(Entity route, Entity service) {}
