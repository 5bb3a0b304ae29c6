package io.silverback.gateway.plugins.basicauth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A username and password from a {@code Basic} authorization header, parsed as basic-auth's
 * {@code retrieve_credentials}: {@code \s*[Bb]asic\s*(.+)} anywhere in the value, base64-decoded,
 * split at the first colon (the username must not be empty).
 *
 * @param username the username
 * @param password the password, possibly empty
 */
record BasicCredentials(String username, String password) {
  private static final Pattern BASIC = Pattern.compile("\\s*[Bb]asic\\s*(.+)");
  private static final Pattern PARTS = Pattern.compile("([^:]+):(.*)");

  /** The credentials in {@code header}, or null when it holds none. */
  static BasicCredentials parse(String header) {
    if (header == null) {
      return null;
    }
    Matcher m = BASIC.matcher(header);
    if (!m.find()) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    Matcher parts = PARTS.matcher(decoded);
    return parts.find() ? new BasicCredentials(parts.group(1), parts.group(2)) : null;
  }
}
