package io.silverback.gateway.balancer;

/**
 * What consistent hashing may hash on, from one request or connection (Kong's {@code hash_on}
 * values). Each method answers null when the traffic has no such value (then {@code
 * hash_fallback} applies); every input but the client's address is absent by default, as on a
 * stream connection.
 */
public interface HashInput {
  String clientIp();

  default String consumerId() {
    return null;
  }

  /** The first value of header {@code name}. */
  default String header(String name) {
    return null;
  }

  /** The value of cookie {@code name}. */
  default String cookie(String name) {
    return null;
  }

  /** The normalized request path. */
  default String path() {
    return null;
  }

  /** The first value of query argument {@code name}. */
  default String queryArg(String name) {
    return null;
  }

  /** The named or positional ({@code "1"}) regex capture {@code name} of the route's path. */
  default String uriCapture(String name) {
    return null;
  }

  /**
   * Hashing on cookie {@code name}, which the request lacks, made up {@code value} for it: the
   * proxy should answer with Kong's {@code Set-Cookie: <name>=<value>; Path=<path>;
   * Same-Site=Lax; HttpOnly}, and {@link #cookie} should return {@code value} from now on, so a
   * retry of the same request hashes the same. Does nothing by default.
   */
  default void hashCookie(String name, String value, String path) {}
}
