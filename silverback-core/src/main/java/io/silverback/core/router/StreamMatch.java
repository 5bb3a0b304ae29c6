package io.silverback.core.router;

import io.silverback.core.config.Entity;

/**
 * The stream route a connection matched.
 *
 * @param route the route
 * @param service the route's service, or null for a service-less route (the proxy closes the
 *     connection, as Kong has nowhere to send it)
 */
public record StreamMatch(Entity route, Entity service) {}
