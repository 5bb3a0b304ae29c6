package io.silverback.core.typedef;

/**
 * A PCRE2 compile error: PCRE2's message text and the offset (in characters of the pattern) at
 * which PCRE2 reports it.
 *
 * @param message PCRE2's error text, e.g. {@code missing closing parenthesis}
 * @param offset where the error was detected; equal to the pattern length when at its end
 */
record PcreError(String message, int offset) {

  /**
   * The text lua-nginx-module's {@code ngx.re} returns for this error, which Kong embeds in its
   * {@code invalid regex} message.
   *
   * @param pattern the pattern that failed
   * @return {@code pcre2_compile() failed: <message> in "<pattern>"}, followed by {@code at
   *     "<rest>"} unless the error is at the end of the pattern
   */
  String ngxMessage(String pattern) {
    String text = "pcre2_compile() failed: " + message + " in \"" + pattern + "\"";
    return offset >= pattern.length() ? text : text + " at \"" + pattern.substring(offset) + "\"";
  }
}
