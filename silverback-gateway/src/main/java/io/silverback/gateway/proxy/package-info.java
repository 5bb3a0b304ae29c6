/**
 * The proxy runtime: {@link io.silverback.gateway.proxy.ProxyServer} binds {@code proxy_listen}
 * with one {@link io.silverback.gateway.proxy.ProxyVerticle} per event loop, matches each request
 * against the current {@link io.silverback.gateway.proxy.ProxySnapshot}, runs the plugin phases,
 * picks a peer and relays the request and response, streamed, over an event-loop-local keep-alive
 * pool: requests to plain upstreams over a bare Netty channel ({@link
 * io.silverback.gateway.proxy.PlainChannel}), the others (TLS, WebSocket handshakes) over Vert.x's
 * HTTP client. gRPC services go over HTTP/2 instead ({@code Grpc*}: Kong's {@code location @grpc}),
 * one multiplexed connection per peer. Kong's runloop ({@code kong/runloop/handler.lua}, {@code
 * kong/init.lua}) is the model for headers, retries and error answers.
 *
 * <p>Nothing here blocks an event loop, logs per request, or touches the store: a snapshot is
 * built off the loop and swapped in one step. Plugins live in {@code gateway.plugins}; balancing
 * and health in {@code gateway.balancer}.
 */
package io.silverback.gateway.proxy;
