package io.silverback.core.typedef;

/**
 * The body of a character class {@code [...]} (PCRE2's class loop in parse_regex, default class
 * mode), translated to a Java class. A separate object keeps the range state machine (PCRE2's
 * class_range_state) apart from the main loop.
 */
final class PcreClassParser {
  private static final String POSIX_NAMES =
      " alpha lower upper alnum ascii blank cntrl digit graph print punct space word xdigit ";
  private static final int RANGE_NO = 0;
  private static final int RANGE_STARTED = 1;
  private static final int RANGE_FORBID_NO = 2;
  private static final int RANGE_FORBID_STARTED = 3;
  private static final int RANGE_OK_ESCAPED = 4;
  private static final int RANGE_OK_LITERAL = 5;

  private final PcreLexer lexer;
  private final StringBuilder java = new StringBuilder("[");
  private int rangeState = RANGE_NO;
  private int last;
  private int forbidPos;
  private int charStart;

  PcreClassParser(PcreLexer lexer) {
    this.lexer = lexer;
  }

  /**
   * Parses the class whose '[' was just consumed, leaving the lexer after its ']'.
   *
   * @return the equivalent Java character class
   * @throws PcreLexer.Failure with PCRE2's error when the class is malformed
   */
  String parse() {
    int c = leadingCharacter();
    if (c == ']') {
      addLiteral(']', true);
      c = next();
    }
    while (item(c)) {
      c = next();
    }
    return java.append(']').toString();
  }

  private int leadingCharacter() {
    boolean negated = false;
    while (true) {
      int c = next();
      String p = lexer.p;
      if (c == '\\') {
        if (lexer.pos < lexer.end && p.charAt(lexer.pos) == 'E') {
          lexer.pos++;
        } else if (lexer.end - lexer.pos >= 3 && p.startsWith("Q\\E", lexer.pos)) {
          lexer.pos += 3;
        } else {
          return c;
        }
      } else if (!negated && c == '^') {
        negated = true;
        java.append('^');
      } else {
        return c;
      }
    }
  }

  private int next() {
    if (lexer.pos >= lexer.end) {
      throw lexer.fail("missing terminating ] for character class", lexer.pos);
    }
    charStart = lexer.pos;
    int c = lexer.p.codePointAt(lexer.pos);
    lexer.pos += Character.charCount(c);
    return c;
  }

  /** Handles one class element starting with {@code c}; false at the closing ']'. */
  private boolean item(int c) {
    String p = lexer.p;
    int pos = lexer.pos;
    if (lexer.inEscQ) {
      if (c == '\\' && pos < lexer.end && p.charAt(pos) == 'E') {
        lexer.inEscQ = false;
        lexer.pos++;
        return true;
      }
      addLiteral(c, true);
      return true;
    }
    if ((c == ' ' || c == '\t') && (lexer.options & PcreLexer.EXTENDED_MORE) != 0) {
      return true;
    }
    int posixEnd;
    if (c == '[' && lexer.end - pos >= 3 && ":.=".indexOf(p.charAt(pos)) >= 0
        && (posixEnd = lexer.posixEnd(pos)) >= 0) {
      posixClass(posixEnd);
      return true;
    }
    if (c == ']') {
      if (rangeState == RANGE_STARTED) {
        java.append("\\-");
      }
      return false;
    }
    if (c == '\\') {
      escape();
      return true;
    }
    if (c == '-' && rangeState >= RANGE_OK_ESCAPED) {
      rangeState = RANGE_STARTED;
      return true;
    }
    if (c == '-' && rangeState == RANGE_FORBID_NO) {
      java.append("\\-");
      rangeState = RANGE_FORBID_STARTED;
      forbidPos = lexer.pos;
      return true;
    }
    addLiteral(c, true);
    return true;
  }

  private void posixClass(int posixEnd) {
    String p = lexer.p;
    if (rangeState == RANGE_STARTED) {
      throw lexer.fail("invalid range in character class", posixEnd + 2);
    }
    if (rangeState == RANGE_FORBID_STARTED) {
      throw lexer.fail("invalid range in character class", forbidPos);
    }
    if (p.charAt(lexer.pos) != ':') {
      throw lexer.fail("POSIX collating elements are not supported", posixEnd + 2);
    }
    int start = lexer.pos + 1;
    boolean negated = p.charAt(start) == '^';
    if (negated) {
      start++;
    }
    String name = p.substring(start, posixEnd);
    lexer.pos = posixEnd + 2;
    if (name.isEmpty() || !POSIX_NAMES.contains(" " + name + " ")) {
      throw lexer.fail("unknown POSIX class name", lexer.pos);
    }
    rangeState = RANGE_FORBID_NO;
    java.append(posixToJava(name, negated));
  }

  private void escape() {
    int e = lexer.readEscape(true);
    switch (e) {
      case 0:
        addLiteral(lexer.escapeValue, false);
        return;
      case 'b':
        addLiteral(8, false);
        return;
      case 'k':
        addLiteral('k', false);
        return;
      case 'Q':
        lexer.inEscQ = true;
        return;
      case 'E':
        return;
      case 'N':
        throw lexer.fail("\\N is not supported in a class", lexer.pos);
      case 'h': case 'H': case 'v': case 'V':
      case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
        java.append('\\').append((char) e);
        break;
      case 'p':
      case 'P':
        java.append(lexer.property(e == 'P'));
        break;
      default:
        throw lexer.fail("escape sequence is invalid in character class", lexer.pos - 1);
    }
    if (rangeState == RANGE_STARTED) {
      throw lexer.fail("invalid range in character class", lexer.pos);
    }
    if (rangeState == RANGE_FORBID_STARTED) {
      throw lexer.fail("invalid range in character class", forbidPos);
    }
    rangeState = RANGE_FORBID_NO;
  }

  private void addLiteral(int c, boolean literal) {
    if (rangeState == RANGE_STARTED) {
      if (c != last) {
        if (last > c) {
          throw lexer.fail("range out of order in character class",
              Character.isSupplementaryCodePoint(c) ? charStart : lexer.pos - 1);
        }
        java.append('-').append(PcreLexer.javaLiteral(c));
      }
      rangeState = RANGE_NO;
    } else if (rangeState == RANGE_FORBID_STARTED) {
      throw lexer.fail("invalid range in character class", forbidPos);
    } else {
      rangeState = literal ? RANGE_OK_LITERAL : RANGE_OK_ESCAPED;
      java.append(PcreLexer.javaLiteral(c));
      last = c;
    }
  }

  private static String posixToJava(String name, boolean negated) {
    String p = negated ? "\\P" : "\\p";
    switch (name) {
      case "word":
        return negated ? "\\W" : "\\w";
      case "alnum": return p + "{Alnum}";
      case "alpha": return p + "{Alpha}";
      case "ascii": return p + "{ASCII}";
      case "blank": return p + "{Blank}";
      case "cntrl": return p + "{Cntrl}";
      case "digit": return p + "{Digit}";
      case "graph": return p + "{Graph}";
      case "lower": return p + "{Lower}";
      case "print": return p + "{Print}";
      case "punct": return p + "{Punct}";
      case "space": return p + "{Space}";
      case "upper": return p + "{Upper}";
      default: return p + "{XDigit}";
    }
  }
}
