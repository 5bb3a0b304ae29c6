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

  /**
   * Hashing on cookie {@code name}, which the request lacks, made up {@code value} for it: the
   * proxy should answer with Kong's {@code Set-Cookie: <name>=<value>; Path=<path>;
   * Same-Site=Lax; HttpOnly}, and {@link #cookie} should return {@code value} from now on, so a
   * retry of the same request hashes the same. Does nothing by default.
   */
  default void hashCookie(String name, String value, String path) {}
}
