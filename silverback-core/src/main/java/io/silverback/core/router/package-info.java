/**
 * Kong's router ({@code router_flavor = traditional_compatible}): a {@link
 * io.silverback.core.router.Router} compiled from one {@link io.silverback.core.config.Config}
 * snapshot matches {@link io.silverback.core.router.RequestFacts} to a {@link
 * io.silverback.core.router.RouteMatch} and computes the upstream path. Pure code: no network, no
 * threads.
 */
package io.silverback.core.router;
