/**
 * TLS for the proxy and towards upstreams, as Kong's {@code kong/runloop/certificate.lua} and
 * {@code kong/runloop/upstream_ssl.lua}: the server certificate picked per handshake from the
 * client's SNI ({@link io.silverback.gateway.tls.SniKeyManager}) over the current configuration
 * snapshot, the node's self-signed default certificate in the prefix ({@link
 * io.silverback.gateway.tls.DefaultCertificate}), the Vert.x options of an {@code ssl} listener
 * ({@link io.silverback.gateway.tls.ProxyTls}) and the client TLS settings of a service ({@link
 * io.silverback.gateway.tls.UpstreamTls}).
 *
 * <p>PEM parsing and the certificate checks of the entity schemas live in {@code
 * io.silverback.core.tls}; what must not live here is request handling (the proxy's) or anything
 * that reads the store: everything is computed from a {@link io.silverback.core.config.Config}
 * snapshot. Nothing here blocks an event loop for longer than parsing one certificate.
 */
package io.silverback.gateway.tls;
