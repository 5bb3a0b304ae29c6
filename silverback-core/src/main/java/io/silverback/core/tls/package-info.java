/**
 * PEM, X.509 and JWK parsing and the certificate and key checks of Kong's entity schemas ({@code
 * certificates}, {@code ca_certificates}, {@code keys}, JWT credentials), with Kong's error
 * messages. Everything here is a pure function of its arguments (time comes in as an {@link
 * java.time.Instant}) and uses the JDK only, plus Jackson for JWK JSON.
 *
 * <p>What must not live here: I/O of any kind (files, network, key stores), TLS handshakes or
 * {@code SSLContext} building, and anything that resolves vault references; those belong to the
 * gateway module. Checks accept vault references unparsed where Kong's fields are referenceable.
 */
package io.silverback.core.tls;
