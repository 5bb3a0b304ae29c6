package io.silverback.core.router;

import java.util.List;
import java.util.function.Function;

/**
 * What the router may look at in one request.
 *
 * @param method the request method, as sent ({@code GET})
 * @param scheme {@code http}, {@code https}, {@code grpc} or {@code grpcs}
 * @param host the raw {@code Host} header (or HTTP/2 {@code :authority}), possibly with a port; may be null
 * @param serverPort the port the request came in on (used when {@code host} has no port)
 * @param rawPath the request target's path as sent, without the query string, not yet normalized
 * @param sni the TLS server name the client sent, or null
 * @param headers the values of a header by lower-case name; an empty list when absent
 * @param clientIp the client's address
 * @param clientPort the client's port
 * @param serverIp the local address the request came in on
 */
public record RequestFacts(
    String method,
    String scheme,
    String host,
    int serverPort,
    String rawPath,
    String sni,
    Function<String, List<String>> headers,
    String clientIp,
    int clientPort,
    String serverIp) {}
