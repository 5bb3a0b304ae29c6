package io.silverback.core.typedef;

import java.util.Optional;

/**
 * The lexical layer of {@link PcreParser}: the scanning state shared with {@link PcreClassParser}
 * and the pieces of PCRE2 10.45's pcre2_compile.c that read one token (read_number,
 * read_repeat_counts, read_name, check_escape, get_ucp, check_posix_syntax), each raising the same
 * error at the same offset as PCRE2.
 */
class PcreLexer {
  static final int CASELESS = 1;
  static final int MULTILINE = 2;
  static final int DOTALL = 4;
  static final int EXTENDED = 8;
  static final int EXTENDED_MORE = 16;
  static final int NO_AUTO_CAPTURE = 32;
  static final int UNGREEDY = 64;
  static final int DUPNAMES = 128;

  static final int MAX_GROUP_NUMBER = 65535;
  static final int MAX_REPEAT_COUNT = 65535;
  static final int MAX_NAME_SIZE = 128;
  static final long UNLIMITED = Long.MAX_VALUE / 4;

  /** Thrown internally to unwind on the first PCRE2 error; never escapes {@link #parse}. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient PcreError error;

    Failure(PcreError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }
  }

  final String p;
  final int end;
  /** Index of the next character to read. */
  int pos;
  /** Option bits in force ({@link #CASELESS}...); groups restore them in {@link PcreParser}. */
  int options;
  /** Inside {@code \Q...\E}. */
  boolean inEscQ;
  /** {@code (*UTF)} was given: escapes may name code points above 0xFF. */
  boolean utf;
  /** Capturing groups opened so far (PCRE2's bracount), which decides {@code \12} and (?-1). */
  int captures;
  /** The first construct that has no Java equivalent, if any. */
  String unsupportedReason;
  // Results of the last token read: a data character, the index after a number, a name.
  int escapeValue;
  int numberEnd;
  String nameRead;
  int nameOffset;

  PcreLexer(String pattern) {
    this.p = pattern;
    this.end = pattern.length();
  }

  /**
   * PCRE2's read_repeat_counts at {@code from} (just after '{').
   *
   * @return {min, max} with {@link #numberEnd} after the '}', or null when this is no quantifier
   */
  long[] readRepeatCounts(int from) {
    int q = skipBlanks(from);
    int pp = q;
    boolean hadMinimum = false;
    if (pp < end && isDigit(p.charAt(pp))) {
      hadMinimum = true;
      pp = skipDigits(pp);
    }
    pp = skipBlanks(pp);
    if (pp >= end) {
      return null;
    }
    if (p.charAt(pp) == '}') {
      if (!hadMinimum) {
        return null;
      }
    } else {
      if (p.charAt(pp++) != ',') {
        return null;
      }
      pp = skipBlanks(pp);
      if (pp >= end) {
        return null;
      }
      if (isDigit(p.charAt(pp))) {
        pp = skipDigits(pp);
      } else if (!hadMinimum) {
        return null;
      }
      pp = skipBlanks(pp);
      if (pp >= end || p.charAt(pp) != '}') {
        return null;
      }
    }
    String tooBig = "number too big in {} quantifier";
    long min = 0;
    long max = UNLIMITED;
    int n = readNumber(q, -1, MAX_REPEAT_COUNT, tooBig);
    if (n < 0) {
      q = skipBlanks(q + 1);
      int m = readNumber(q, -1, MAX_REPEAT_COUNT, tooBig);
      if (m >= 0) {
        max = m;
        q = numberEnd;
      }
    } else {
      min = n;
      q = skipBlanks(numberEnd);
      if (p.charAt(q) == '}') {
        max = min;
      } else {
        q = skipBlanks(q + 1);
        int m = readNumber(q, -1, MAX_REPEAT_COUNT, tooBig);
        if (m >= 0) {
          max = m;
          q = numberEnd;
        }
        if (max < min) {
          throw fail("numbers out of order in {} quantifier", q);
        }
      }
    }
    numberEnd = skipBlanks(q) + 1;
    return new long[] {min, max};
  }

  /**
   * PCRE2's read_number at {@code from}.
   *
   * @param allowSign -1 when no sign is allowed, else the capture count a relative number is
   *     relative to
   * @return the number with {@link #numberEnd} after it, or -1 when there is none
   */
  int readNumber(int from, int allowSign, int maxValue, String maxError) {
    int q = from;
    int sign = 0;
    int limit = maxValue;
    if (allowSign >= 0 && q < end) {
      if (p.charAt(q) == '+') {
        sign = 1;
        limit -= allowSign;
        q++;
      } else if (p.charAt(q) == '-') {
        sign = -1;
        q++;
      }
    }
    if (q >= end || !isDigit(p.charAt(q))) {
      return -1;
    }
    long n = 0;
    while (q < end && isDigit(p.charAt(q))) {
      n = n * 10 + (p.charAt(q++) - '0');
      if (n > limit) {
        throw fail(maxError, skipDigits(q));
      }
    }
    if (allowSign >= 0 && sign != 0) {
      if (n == 0) {
        throw fail("a relative value of zero is not allowed", q);
      }
      if (sign > 0) {
        n += allowSign;
      } else if (n > allowSign) {
        throw fail("reference to non-existent subpattern", q);
      } else {
        n = allowSign + 1 - n;
      }
    }
    numberEnd = q;
    return (int) n;
  }

  /**
   * A relative or absolute group number read through a local pointer in PCRE2, so that its errors
   * are reported at {@code reportAt} rather than after the digits.
   */
  int groupNumberReportedAt(int from, int reportAt) {
    try {
      return readNumber(from, captures, MAX_GROUP_NUMBER, "subpattern number is too big");
    } catch (Failure failure) {
      throw fail(failure.error.message(), reportAt);
    }
  }

  /**
   * PCRE2's check_escape for a non-UTF pattern without extra options; {@link #pos} is just after
   * the backslash.
   *
   * @return 0 for a data character (in {@link #escapeValue}), the escape letter for a special
   *     escape, or -(n+1) for a back reference to group n
   */
  int readEscape(boolean inClass) {
    if (pos >= end) {
      throw fail("\\ at end of pattern", pos);
    }
    int c = p.codePointAt(pos);
    pos += Character.charCount(c);
    if (c < '0' || c > 'z' || ":;<=>?@[\\]^_`".indexOf(c) >= 0) {
      return data(c);
    }
    switch (c) {
      case 'a': return data(7);
      case 'e': return data(27);
      case 'f': return data(12);
      case 'n': return data(10);
      case 'r': return data(13);
      case 't': return data(9);
      case 'A': case 'B': case 'C': case 'D': case 'E': case 'G': case 'H': case 'K': case 'P':
      case 'Q': case 'R': case 'S': case 'V': case 'W': case 'X': case 'Z': case 'b': case 'd':
      case 'h': case 'k': case 'p': case 's': case 'v': case 'w': case 'z':
        return c;
      case 'N':
        checkBackslashNBrace(inClass);
        return c;
      case 'F': case 'l': case 'L': case 'u': case 'U':
        throw fail("PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u", pos);
      case 'g':
        return inClass ? data('g') : backslashG();
      case '0':
        return data(octal(0));
      case 'o':
        return data(braceNumber(8, true));
      case 'x':
        return data(hexEscape());
      case 'c':
        return data(control());
      default:
        if (c >= '1' && c <= '9') {
          return digitEscape(c, inClass);
        }
        throw fail("unrecognized character follows \\", pos - 1);
    }
  }

  int data(int value) {
    escapeValue = value;
    return 0;
  }

  void checkBackslashNBrace(boolean inClass) {
    if (pos >= end || p.charAt(pos) != '{') {
      return;
    }
    int q = skipBlanks(pos + 1);
    String unsupportedEscape = "PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u";
    if (end - q > 1 && p.charAt(q) == 'U' && p.charAt(q + 1) == '+') {
      throw fail("\\N{U+dddd} is supported only in Unicode (UTF) mode", pos);
    }
    if (inClass) {
      throw fail(unsupportedEscape, pos);
    }
    int saved = numberEnd;
    boolean quantifier;
    try {
      quantifier = readRepeatCounts(pos + 1) != null;
    } catch (Failure tooBig) {
      throw fail(tooBig.error.message(), pos);
    }
    numberEnd = saved;
    if (!quantifier) {
      throw fail(unsupportedEscape, pos);
    }
  }

  int backslashG() {
    if (pos >= end) {
      throw fail("\\g is not followed by a braced, angle-bracketed, or quoted name/number or by a"
          + " plain number", pos);
    }
    char next = p.charAt(pos);
    if (next == '<' || next == '\'') {
      return 'g';
    }
    String notFollowed = "\\g is not followed by a braced, angle-bracketed, or quoted name/number"
        + " or by a plain number";
    int s;
    if (next == '{') {
      int q = skipBlanks(pos + 1);
      s = groupNumberReportedAt(q, pos);
      if (s < 0) {
        return 'k';
      }
      q = skipBlanks(numberEnd);
      if (q >= end || p.charAt(q) != '}') {
        throw fail(notFollowed, pos);
      }
      pos = q + 1;
    } else {
      s = readNumber(pos, captures, MAX_GROUP_NUMBER, "subpattern number is too big");
      if (s < 0) {
        throw fail(notFollowed, pos);
      }
      pos = numberEnd;
    }
    if (s <= 0) {
      throw fail("reference to non-existent subpattern", pos);
    }
    return -(s + 1);
  }

  int digitEscape(int c, boolean inClass) {
    if (!inClass) {
      int oldPos = pos;
      int s;
      int q = pos - 1;
      long n = 0;
      while (q < end && isDigit(p.charAt(q)) && n <= MAX_GROUP_NUMBER) {
        n = n * 10 + (p.charAt(q++) - '0');
      }
      s = n > MAX_GROUP_NUMBER ? Integer.MAX_VALUE : (int) n;
      if (s < 10 || c >= '8' || s <= captures) {
        if (s == Integer.MAX_VALUE) {
          throw fail("subpattern number is too big", skipDigits(q));
        }
        pos = q;
        return -(s + 1);
      }
      pos = oldPos;
    }
    if (c >= '8') {
      return data(c);
    }
    return data(octal(c - '0'));
  }

  int octal(int first) {
    int value = first;
    for (int i = 0; i < 2 && pos < end && p.charAt(pos) >= '0' && p.charAt(pos) <= '7'; i++) {
      value = value * 8 + p.charAt(pos++) - '0';
    }
    if (value > 0xff && !utf) {
      throw fail("octal value is greater than \\377 in 8-bit non-UTF-8 mode", pos);
    }
    return value;
  }

  int hexEscape() {
    if (pos < end && p.charAt(pos) == '{') {
      return braceNumber(16, false);
    }
    if (pos >= end || hexValue(p.charAt(pos)) < 0) {
      throw fail("digits missing after \\x or in \\x{} or \\o{} or \\N{U+}", pos);
    }
    int value = hexValue(p.charAt(pos++));
    if (pos < end && hexValue(p.charAt(pos)) >= 0) {
      value = value * 16 + hexValue(p.charAt(pos++));
    }
    return value;
  }

  /**
   * \o{...} (radix 8) or \x{...} (radix 16); {@link #pos} is at the '{' or, for \o, where it
   * should be.
   */
  int braceNumber(int radix, boolean octal) {
    if (octal && (pos >= end || p.charAt(pos) != '{')) {
      throw fail("missing opening brace after \\o", pos >= end ? pos - 1 : pos);
    }
    pos = skipBlanks(pos + 1);
    if (pos >= end || p.charAt(pos) == '}') {
      throw fail("digits missing after \\x or in \\x{} or \\o{} or \\N{U+}", pos);
    }
    int value = 0;
    boolean overflow = false;
    while (pos < end && Character.digit(p.charAt(pos), radix) >= 0 && p.charAt(pos) < 0x80) {
      value = value * radix + Character.digit(p.charAt(pos++), radix);
      if (value > (utf ? 0x10ffff : 0xff)) {
        overflow = true;
        break;
      }
    }
    pos = skipBlanks(pos);
    if (overflow) {
      while (pos < end && Character.digit(p.charAt(pos), radix) >= 0 && p.charAt(pos) < 0x80) {
        pos++;
      }
      throw fail("character code point value in \\x{} or \\o{} is too large", pos);
    }
    if (pos < end && p.charAt(pos) == '}') {
      pos++;
      if (utf && value >= 0xd800 && value <= 0xdfff) {
        throw fail("disallowed Unicode code point (>= 0xd800 && <= 0xdfff)", pos - 1);
      }
      return value;
    }
    throw fail(octal ? "non-octal character in \\o{} (closing brace missing?)"
        : "non-hex character in \\x{} (closing brace missing?)", pos < end ? pos : pos - 1);
  }

  int control() {
    if (pos >= end) {
      throw fail("\\c at end of pattern", pos);
    }
    int c = p.charAt(pos);
    if (c >= 'a' && c <= 'z') {
      c -= 32;
    }
    if (c < 32 || c > 126) {
      throw fail("\\c must be followed by a printable ASCII character", pos);
    }
    pos++;
    return c ^ 0x40;
  }

  String property(boolean negatedEscape) {
    String fail = "malformed \\P or \\p sequence";
    if (pos >= end) {
      throw fail(fail, pos);
    }
    char c = p.charAt(pos++);
    boolean negated = false;
    StringBuilder name = new StringBuilder();
    int separator = -1;
    if (c == '{') {
      boolean closed = false;
      for (int i = 0; i < 49 && !closed; ) {
        if (pos >= end) {
          throw fail(fail, pos);
        }
        c = p.charAt(pos++);
        while (c == '_' || c == '-' || c == ' ' || (c >= 9 && c <= 13)) {
          if (pos >= end) {
            throw fail(fail, pos);
          }
          c = p.charAt(pos++);
        }
        if (i == 0 && !negated && c == '^') {
          negated = true;
          continue;
        }
        if (c == '}') {
          closed = true;
          continue;
        }
        if (c < '&' || c > 'z') {
          throw fail(fail, pos);
        }
        if (c >= 'A' && c <= 'Z') {
          c += 32;
        } else if ((c == ':' || c == '=') && separator < 0) {
          separator = i;
        }
        name.append(c);
        i++;
      }
      if (!closed) {
        throw fail(fail, pos);
      }
    } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      name.append(Character.toLowerCase(c));
    } else {
      throw fail(fail, pos);
    }
    String resolved = resolvePropertyName(name.toString(), separator);
    Optional<String> java = PcreProperties.toJava(resolved, negated != negatedEscape);
    if (java.isEmpty()) {
      unsupported("\\p{" + name + "}");
      return "";
    }
    return java.get();
  }

  String resolvePropertyName(String name, int separator) {
    String resolved = name;
    if (separator >= 0) {
      String key = name.substring(0, separator);
      String value = name.substring(separator + 1);
      if (key.equals("bidiclass") || key.equals("bc")) {
        resolved = "bidi" + value;
      } else if (key.equals("script") || key.equals("sc") || key.equals("scx")
          || key.equals("scriptextensions")) {
        resolved = value;
      } else {
        throw fail("unknown property after \\P or \\p", pos);
      }
    }
    if (!PcreProperties.isKnown(resolved)) {
      throw fail("unknown property after \\P or \\p", pos);
    }
    return resolved;
  }

  /**
   * PCRE2's read_name: {@code from} is at the character before the name ('<', '\'', '{', '*'...).
   * Sets {@link #nameRead} and {@link #nameOffset}, and leaves {@link #pos} after the terminator
   * (groups) or after the name (verbs).
   */
  void readName(int from, char terminator, boolean isGroup) {
    int q = from + 1;
    boolean braced = terminator == '}';
    if (braced) {
      q = skipBlanks(q);
    }
    if (q >= end) {
      throw fail(isGroup ? "subpattern name expected" : "(*VERB) not recognized or malformed", q);
    }
    int start = q;
    if (isGroup && isDigit(p.charAt(q))) {
      throw fail("subpattern name must start with a non-digit", q);
    }
    while (q < end && isWordChar(p.charAt(q))) {
      q++;
    }
    if (q - start > MAX_NAME_SIZE) {
      throw fail("subpattern name is too long (maximum 128 code units)", q);
    }
    nameRead = p.substring(start, q);
    nameOffset = start;
    if (isGroup) {
      if (q == start) {
        throw fail("subpattern name expected", q);
      }
      if (braced) {
        q = skipBlanks(q);
      }
      if (q >= end || p.charAt(q) != terminator) {
        throw fail("syntax error in subpattern name (missing terminator?)", q);
      }
      q++;
    }
    pos = q;
  }

  /**
   * PCRE2's check_posix_syntax: {@code from} is at the ':', '.' or '=' after a '['.
   *
   * @return the index of the terminator before the closing "]", or -1 when this is no POSIX item
   */
  int posixEnd(int from) {
    char terminator = p.charAt(from);
    for (int q = from + 1; end - q >= 2; q++) {
      char c = p.charAt(q);
      if (c == '\\' && (p.charAt(q + 1) == ']' || p.charAt(q + 1) == '\\')) {
        q++;
      } else if ((c == '[' && p.charAt(q + 1) == terminator) || c == ']') {
        return -1;
      } else if (c == terminator && p.charAt(q + 1) == ']') {
        return q;
      }
    }
    return -1;
  }

  void unsupported(String what) {
    if (unsupportedReason == null) {
      unsupportedReason = what + " has no java.util.regex equivalent";
    }
  }

  Failure fail(String message, int offset) {
    return new Failure(new PcreError(message, Math.min(offset, end)));
  }

  /** A literal code point as Java regex text: alphanumerics as is, everything else escaped. */
  static String javaLiteral(int c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return String.valueOf((char) c);
    }
    if (c > 0x20 && c < 0x7f) {
      return "\\" + (char) c;
    }
    return "\\x{" + Integer.toHexString(c) + "}";
  }

  int skipBlanks(int from) {
    int q = from;
    while (q < end && (p.charAt(q) == ' ' || p.charAt(q) == '\t')) {
      q++;
    }
    return q;
  }

  int skipDigits(int from) {
    int q = from;
    while (q < end && isDigit(p.charAt(q))) {
      q++;
    }
    return q;
  }

  static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  static boolean isSpace(int c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  static boolean isWordChar(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  static int hexValue(char c) {
    return c < 0x80 ? Character.digit(c, 16) : -1;
  }
}
