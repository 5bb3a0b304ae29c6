/**
 * Kong's router ({@code router_flavor = traditional_compatible}): a {@link
 * io.silverback.core.router.Router} compiled from one {@link io.silverback.core.config.Config}
 * snapshot matches {@link io.silverback.core.router.RequestFacts} to a {@link
 * io.silverback.core.router.RouteMatch} and computes the upstream path; a {@link
 * io.silverback.core.router.StreamRouter} compiled from the same snapshot matches the {@code tcp}
 * and {@code tls} routes to a {@link io.silverback.core.router.StreamConnection} (sources,
 * destinations, SNIs, compat's stream priority).
 *
 * <p>What lives here: request path normalization ({@link io.silverback.core.router.PathNormalizer}),
 * the route predicates (hosts, methods, headers, SNIs, prefix and regex paths), compat's 64-bit
 * priority and path splitting, the candidate index (host map and path trie), the match cache, and
 * the upstream path ({@link io.silverback.core.router.UpstreamPath}, {@link
 * io.silverback.core.router.UriEscaper}). What must not: network, threads, logging, or the
 * runloop's answers (426, redirects, headers), which belong to the proxy.
 */
package io.silverback.core.router;
