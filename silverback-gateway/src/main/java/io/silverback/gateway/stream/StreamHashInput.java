package io.silverback.gateway.stream;

import io.silverback.gateway.balancer.HashInput;

/**
 * What consistent hashing may hash on for a stream connection: only the client's address (Kong's
 * {@code hash_on = ip}); the HTTP inputs are absent, so {@code hash_fallback} applies to them.
 *
 * @param clientIp the client's address after the PROXY protocol rules
 */
record StreamHashInput(String clientIp) implements HashInput {
  @Override
  public String consumerId() {
    return null;
  }

  @Override
  public String header(String name) {
    return null;
  }

  @Override
  public String cookie(String name) {
    return null;
  }

  @Override
  public String path() {
    return null;
  }

  @Override
  public String queryArg(String name) {
    return null;
  }

  @Override
  public String uriCapture(String name) {
    return null;
  }
}
