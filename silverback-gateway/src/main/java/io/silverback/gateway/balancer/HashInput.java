package io.silverback.gateway.balancer;

/**
 * What consistent hashing may hash on, from one request (Kong's {@code hash_on} values). Each
 * method answers null when the request has no such value (then {@code hash_fallback} applies).
 */
public interface HashInput {
  String consumerId();

  String clientIp();

  /** The first value of header {@code name}. */
  String header(String name);

  /** The value of cookie {@code name}. */
  String cookie(String name);

  /** The normalized request path. */
  String path();

  /** The first value of query argument {@code name}. */
  String queryArg(String name);

  /** The named or positional ({@code "1"}) regex capture {@code name} of the route's path. */
  String uriCapture(String name);
}
