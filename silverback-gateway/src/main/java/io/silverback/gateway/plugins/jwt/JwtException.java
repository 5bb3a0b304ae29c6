package io.silverback.gateway.plugins.jwt;

/** A token that cannot be decoded; the message is Kong's reason, as shown after {@code Bad token; }. */
final class JwtException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  JwtException(String reason) {
    super(reason, null, false, false);
  }
}
