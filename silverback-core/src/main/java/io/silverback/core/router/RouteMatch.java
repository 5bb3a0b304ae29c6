package io.silverback.core.router;

import io.silverback.core.config.Entity;
import java.util.List;
import java.util.Map;

/**
 * The route a request matched and what follows from it.
 *
 * @param route the matched route (the original route when Kong would have split it by path)
 * @param service the route's service, or null for a service-less route
 * @param normalizedPath the request path after Kong's normalization (what was matched)
 * @param matchedPrefix the part of the path the route matched (the route's prefix, or the whole
 *     regex match), or null when the route matched without a path
 * @param upstreamPath the path to send upstream, escaped, without the query string: the service
 *     path joined with the request path as Kong joins it ({@code path_handling}, {@code strip_path})
 * @param captures positional regex captures (index 0 is the whole match); empty when the path regex
 *     had no groups
 * @param namedCaptures named regex captures; empty when none
 * @param protocolAllowed whether the route accepts the request's scheme; when false Kong answers
 *     426 (or the route's {@code https_redirect_status_code})
 */
public record RouteMatch(
    Entity route,
    Entity service,
    String normalizedPath,
    String matchedPrefix,
    String upstreamPath,
    List<String> captures,
    Map<String, String> namedCaptures,
    boolean protocolAllowed) {}
