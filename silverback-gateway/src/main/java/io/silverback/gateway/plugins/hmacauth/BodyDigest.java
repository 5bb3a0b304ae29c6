package io.silverback.gateway.plugins.hmacauth;

import io.vertx.core.buffer.Buffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * access.lua's {@code validate_body}: the {@code Digest} header must be {@code SHA-256=} and the
 * base64 SHA-256 of the body; without the header, only an empty body passes.
 */
final class BodyDigest {
  private BodyDigest() {}

  static boolean matches(Buffer body, String digestHeader) {
    if (digestHeader == null) {
      return body.length() == 0;
    }
    return digestHeader.equals(of(body));
  }

  /** {@code SHA-256=<base64 digest>} of {@code body}. */
  static String of(Buffer body) {
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(body.getBytes());
      return "SHA-256=" + Base64.getEncoder().encodeToString(sha);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
