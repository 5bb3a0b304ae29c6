package io.silverback.core.typedef;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Route regexes: Kong compiles {@code ~} paths with PCRE2 ({@code ngx.re.find(subject, re, "aj")}:
 * anchored, no UTF mode). This class decides validity exactly as PCRE2 10.45 does (see {@link
 * PcreParser}) and translates valid patterns to {@code java.util.regex} for the router.
 *
 * <p>Three outcomes are possible: PCRE2 rejects the pattern ({@link #regexError(String)} is
 * present); PCRE2 accepts it and Java can express it ({@link #compile(String)} is present); PCRE2
 * accepts it but Java cannot (recursion, conditionals, backtracking verbs, {@code \K}, branch
 * reset...; {@link #unsupportedReason(String)} is present and the route cannot be matched).
 *
 * <p>Translation: Python-style {@code (?P<name>...)}, {@code (?P=name)} and all named groups
 * become numbered groups (names are kept in {@link CompiledRegex}); {@code \x{..}}, octal,
 * {@code \cX} and similar escapes become {@code \x{..}}; POSIX classes, {@code \N}, {@code \C},
 * {@code {,n}} and the {@code (?U)}, {@code (?n)}, {@code (?x)} options are rewritten; the Java
 * pattern uses {@link Pattern#UNIX_LINES} so that only {@code \n} ends a line, as in PCRE2.
 */
public final class Regexes {
  private Regexes() {}

  /**
   * Compiles a PCRE2 pattern to an equivalent Java pattern.
   *
   * @param pcre the regex as written after the route path's {@code ~}
   * @return the compiled regex, empty when PCRE2 rejects it or Java cannot express it
   */
  public static Optional<CompiledRegex> compile(String pcre) {
    PcreParser.Result result = PcreParser.parse(pcre);
    if (result.error().isPresent() || result.unsupported().isPresent()) {
      return Optional.empty();
    }
    try {
      Pattern pattern = Pattern.compile(result.javaRegex(), Pattern.UNIX_LINES);
      return Optional.of(new CompiledRegex(pcre, pattern, result.namedGroups()));
    } catch (PatternSyntaxException e) {
      return Optional.empty();
    }
  }

  /**
   * PCRE2's reason for rejecting a pattern, e.g. {@code missing closing parenthesis}.
   *
   * @param pcre the regex
   * @return the PCRE2 error text, empty when PCRE2 accepts the pattern
   */
  public static Optional<String> regexError(String pcre) {
    return PcreParser.parse(pcre).error().map(PcreError::message);
  }

  /**
   * The full error Kong embeds in {@code invalid regex: '<re>' (PCRE returned: <error>)}.
   *
   * @param pcre the regex
   * @return {@code pcre2_compile() failed: <reason> in "<re>"} with {@code at "<rest>"} appended
   *     unless the error is at the end of the pattern; empty when PCRE2 accepts the pattern
   */
  public static Optional<String> compileError(String pcre) {
    return PcreParser.parse(pcre).error().map(error -> error.ngxMessage(pcre));
  }

  /**
   * Why a pattern PCRE2 accepts has no Java equivalent.
   *
   * @param pcre the regex
   * @return the reason, empty when the pattern is rejected by PCRE2 or compiles in Java
   */
  public static Optional<String> unsupportedReason(String pcre) {
    PcreParser.Result result = PcreParser.parse(pcre);
    if (result.error().isPresent()) {
      return Optional.empty();
    }
    if (result.unsupported().isPresent()) {
      return result.unsupported();
    }
    try {
      Pattern.compile(result.javaRegex(), Pattern.UNIX_LINES);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of("java.util.regex rejects the translation: " + e.getDescription());
    }
  }
}
