package io.silverback.gateway.stream;

import io.silverback.gateway.balancer.HashInput;

/**
 * What consistent hashing may hash on for a stream connection: only the client's address (Kong's
 * {@code hash_on = ip}); the HTTP inputs are absent, so {@code hash_fallback} applies to them.
 *
 * @param clientIp the client's address after the PROXY protocol rules
 */
record StreamHashInput(String clientIp) implements HashInput {}
