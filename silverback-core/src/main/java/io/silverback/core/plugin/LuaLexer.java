package io.silverback.core.plugin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The tokenizer of {@link LuaSyntax}, a port of LuaJIT 2.1's {@code lj_lex.c} as Kong builds it
 * (with {@code LUAJIT_ENABLE_LUA52COMPAT}, so {@code goto} is a keyword). It reads UTF-8 bytes, as
 * LuaJIT does: bytes above 0x7F are identifier characters, line numbers count {@code \n}, {@code
 * \r}, {@code \r\n} and {@code \n\r} once, and errors carry LuaJIT's messages and "near" text.
 */
final class LuaLexer {
  static final int EOF_CHAR = -1;
  static final int TK_OFS = 256;
  static final List<String> TOKEN_NAMES = List.of(
      "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in", "local", "nil",
      "not", "or", "repeat", "return", "then", "true", "until", "while",
      "..", "...", "==", ">=", "<=", "~=", "::", "<number>", "<name>", "<string>", "<eof>");
  static final int TK_AND = token("and");
  static final int TK_BREAK = token("break");
  static final int TK_DO = token("do");
  static final int TK_ELSE = token("else");
  static final int TK_ELSEIF = token("elseif");
  static final int TK_END = token("end");
  static final int TK_FALSE = token("false");
  static final int TK_FOR = token("for");
  static final int TK_FUNCTION = token("function");
  static final int TK_GOTO = token("goto");
  static final int TK_IF = token("if");
  static final int TK_IN = token("in");
  static final int TK_LOCAL = token("local");
  static final int TK_NIL = token("nil");
  static final int TK_NOT = token("not");
  static final int TK_OR = token("or");
  static final int TK_REPEAT = token("repeat");
  static final int TK_RETURN = token("return");
  static final int TK_THEN = token("then");
  static final int TK_TRUE = token("true");
  static final int TK_UNTIL = token("until");
  static final int TK_WHILE = token("while");
  static final int TK_CONCAT = token("..");
  static final int TK_DOTS = token("...");
  static final int TK_EQ = token("==");
  static final int TK_GE = token(">=");
  static final int TK_LE = token("<=");
  static final int TK_NE = token("~=");
  static final int TK_LABEL = token("::");
  static final int TK_NUMBER = token("<number>");
  static final int TK_NAME = token("<name>");
  static final int TK_STRING = token("<string>");
  static final int TK_EOF = token("<eof>");
  private static final int LAST_KEYWORD = TK_WHILE;

  private static final Pattern NUMBER = Pattern.compile(
      "(?:(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
          + "|0[xX](?:[0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?)[iI]?");
  private static final Pattern INTEGER_LL = Pattern.compile("(?:[0-9]+|0[xX][0-9a-fA-F]+)[uU]?[lL][lL]");

  private final byte[] src;
  private final String chunkName;
  private int pos;
  private int c;
  private final ByteArrayOutputStream sb = new ByteArrayOutputStream();
  int line = 1;
  /** The line at which the previous token ended (LuaJIT's {@code lastline}). */
  int lastLine = 1;
  int tok;
  private int lookahead = TK_EOF;

  LuaLexer(String source, String chunkName) {
    this.src = source.getBytes(StandardCharsets.UTF_8);
    this.chunkName = chunkName;
    next();
    skipHeader();
  }

  private static int token(String name) {
    return TK_OFS + 1 + TOKEN_NAMES.indexOf(name);
  }

  /** The printable form of a token for messages (LuaJIT's {@code lj_lex_token2str}). */
  static String tokenToString(int tok) {
    if (tok > TK_OFS) {
      return TOKEN_NAMES.get(tok - TK_OFS - 1);
    }
    return tok < 32 || tok == 127 ? "char(" + tok + ")" : String.valueOf((char) tok);
  }

  /** Advances to the next token. */
  void nextToken() {
    lastLine = line;
    if (lookahead == TK_EOF) {
      tok = scan();
    } else {
      tok = lookahead;
      lookahead = TK_EOF;
    }
  }

  /** Scans the token after the current one without consuming it. */
  int lookahead() {
    lookahead = scan();
    return lookahead;
  }

  /** Throws LuaJIT's error for {@code message} near the current token. */
  LuaSyntaxError error(String message) {
    return errorNear(tok, message);
  }

  /** Throws LuaJIT's error for {@code message} near {@code token}; {@code 0} means no "near". */
  LuaSyntaxError errorNear(int token, String message) {
    String near;
    if (token == 0) {
      near = null;
    } else if (token == TK_NAME || token == TK_STRING || token == TK_NUMBER) {
      near = scannedText();
      int nul = near.indexOf('\0');
      near = nul < 0 ? near : near.substring(0, nul);
    } else {
      near = tokenToString(token);
    }
    String text = near == null ? message : message + " near '" + near + "'";
    return new LuaSyntaxError(shortName(chunkName) + ":" + line + ": " + text);
  }

  /** The text of the last name, string or number scanned. */
  String scannedText() {
    return new String(sb.toByteArray(), StandardCharsets.UTF_8);
  }

  /** Skips a UTF-8 BOM and a {@code #!} line; refuses bytecode, as {@code load} in text mode does. */
  private void skipHeader() {
    boolean header = false;
    if (c == 0xEF && pos + 2 <= src.length && (src[pos] & 0xFF) == 0xBB && (src[pos + 1] & 0xFF) == 0xBF) {
      pos += 2;
      next();
      header = true;
    }
    if (c == '#') {
      do {
        next();
        if (c == EOF_CHAR) {
          return;
        }
      } while (!isEol());
      newline();
      header = true;
    }
    if (c == 0x1B) {
      throw new LuaSyntaxError(header ? "cannot load malformed bytecode" : "attempt to load chunk with wrong mode");
    }
  }

  private int next() {
    c = pos < src.length ? src[pos++] & 0xFF : EOF_CHAR;
    return c;
  }

  private void save(int ch) {
    sb.write(ch);
  }

  private int saveNext() {
    save(c);
    return next();
  }

  private boolean isEol() {
    return c == '\n' || c == '\r';
  }

  private void newline() {
    int old = c;
    next();
    if (isEol() && c != old) {
      next();
    }
    line++;
  }

  static boolean isIdent(int ch) {
    return ch >= 0x80 || ch == '_' || (ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z');
  }

  static boolean isDigit(int ch) {
    return ch >= '0' && ch <= '9';
  }

  private static boolean isXDigit(int ch) {
    return isDigit(ch) || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'f');
  }

  private static boolean isSpace(int ch) {
    return ch == ' ' || (ch >= '\t' && ch <= '\r');
  }

  private int scan() {
    sb.reset();
    for (;;) {
      if (isIdent(c)) {
        if (isDigit(c)) {
          number();
          return TK_NUMBER;
        }
        do {
          saveNext();
        } while (isIdent(c));
        int keyword = TOKEN_NAMES.indexOf(scannedText());
        return keyword >= 0 && TK_OFS + 1 + keyword <= LAST_KEYWORD ? TK_OFS + 1 + keyword : TK_NAME;
      }
      switch (c) {
        case '\n', '\r' -> newline();
        case ' ', '\t', 0x0B, '\f' -> next();
        case '-' -> {
          next();
          if (c != '-') {
            return '-';
          }
          next();
          comment();
        }
        case '[' -> {
          int sep = skipEquals();
          if (sep >= 0) {
            longString(true, sep);
            return TK_STRING;
          } else if (sep == -1) {
            return '[';
          }
          throw errorNear(TK_STRING, "invalid long string delimiter");
        }
        case '=', '<', '>', '~', ':' -> {
          return twoChar();
        }
        case '"', '\'' -> {
          string();
          return TK_STRING;
        }
        case '.' -> {
          return dot();
        }
        case EOF_CHAR -> {
          return TK_EOF;
        }
        default -> {
          int single = c;
          next();
          return single;
        }
      }
    }
  }

  /** {@code = == < <= > >= ~ ~= : ::}: the character alone, or with its second one. */
  private int twoChar() {
    int first = c;
    int second = first == ':' ? ':' : '=';
    next();
    if (c != second) {
      return first;
    }
    next();
    return switch (first) {
      case '=' -> TK_EQ;
      case '<' -> TK_LE;
      case '>' -> TK_GE;
      case '~' -> TK_NE;
      default -> TK_LABEL;
    };
  }

  private int dot() {
    if (saveNext() == '.') {
      next();
      if (c == '.') {
        next();
        return TK_DOTS;
      }
      return TK_CONCAT;
    } else if (!isDigit(c)) {
      return '.';
    }
    number();
    return TK_NUMBER;
  }

  private void comment() {
    if (c == '[') {
      int sep = skipEquals();
      sb.reset();
      if (sep >= 0) {
        longString(false, sep);
        sb.reset();
        return;
      }
    }
    while (!isEol() && c != EOF_CHAR) {
      next();
    }
  }

  private int skipEquals() {
    int count = 0;
    int s = c;
    while (saveNext() == '=') {
      count++;
    }
    return c == s ? count : -count - 1;
  }

  private void longString(boolean isString, int sep) {
    saveNext();
    if (isEol()) {
      newline();
    }
    for (;;) {
      switch (c) {
        case EOF_CHAR -> throw errorNear(TK_EOF, isString ? "unfinished long string" : "unfinished long comment");
        case ']' -> {
          if (skipEquals() == sep) {
            saveNext();
            return;
          }
        }
        case '\n', '\r' -> {
          save('\n');
          newline();
          if (!isString) {
            sb.reset();
          }
        }
        default -> saveNext();
      }
    }
  }

  private void number() {
    int prev = c;
    int exp = 'e';
    if (c == '0' && (saveNext() | 0x20) == 'x') {
      exp = 'p';
    }
    while (isIdent(c) || c == '.' || ((c == '-' || c == '+') && (prev | 0x20) == exp)) {
      prev = c;
      saveNext();
    }
    String text = scannedText();
    if (!NUMBER.matcher(text).matches() && !INTEGER_LL.matcher(text).matches()) {
      throw errorNear(TK_NUMBER, "malformed number");
    }
  }

  private void string() {
    int delim = c;
    saveNext();
    while (c != delim) {
      switch (c) {
        case EOF_CHAR -> throw errorNear(TK_EOF, "unfinished string");
        case '\n', '\r' -> throw errorNear(TK_STRING, "unfinished string");
        case '\\' -> escape();
        default -> saveNext();
      }
    }
    saveNext();
  }

  private void escape() {
    int e = next();
    int value;
    switch (e) {
      case 'a' -> value = 7;
      case 'b' -> value = '\b';
      case 'f' -> value = '\f';
      case 'n' -> value = '\n';
      case 'r' -> value = '\r';
      case 't' -> value = '\t';
      case 'v' -> value = 0x0B;
      case 'x' -> value = hexEscape();
      case 'u' -> {
        unicodeEscape();
        return;
      }
      case 'z' -> {
        next();
        while (isSpace(c)) {
          if (isEol()) {
            newline();
          } else {
            next();
          }
        }
        return;
      }
      case '\n', '\r' -> {
        save('\n');
        newline();
        return;
      }
      case '\\', '"', '\'' -> value = e;
      case EOF_CHAR -> {
        return;
      }
      default -> {
        decimalEscape();
        return;
      }
    }
    save(value);
    next();
  }

  private int hexEscape() {
    int hi = next();
    if (!isXDigit(hi)) {
      throw errorNear(TK_STRING, "invalid escape sequence");
    }
    int lo = next();
    if (!isXDigit(lo)) {
      throw errorNear(TK_STRING, "invalid escape sequence");
    }
    return Character.digit(hi, 16) * 16 + Character.digit(lo, 16);
  }

  private void unicodeEscape() {
    if (next() != '{') {
      throw errorNear(TK_STRING, "invalid escape sequence");
    }
    next();
    int cp = 0;
    do {
      if (!isXDigit(c)) {
        throw errorNear(TK_STRING, "invalid escape sequence");
      }
      cp = (cp << 4) | Character.digit(c, 16);
      if (cp >= 0x110000) {
        throw errorNear(TK_STRING, "invalid escape sequence");
      }
    } while (next() != '}');
    if (cp >= 0xD800 && cp < 0xE000) {
      throw errorNear(TK_STRING, "invalid escape sequence");
    }
    byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
    sb.write(utf8, 0, utf8.length);
    next();
  }

  private void decimalEscape() {
    if (!isDigit(c)) {
      throw errorNear(TK_STRING, "invalid escape sequence");
    }
    int value = c - '0';
    if (isDigit(next())) {
      value = value * 10 + (c - '0');
      if (isDigit(next())) {
        value = value * 10 + (c - '0');
        if (value > 255) {
          throw errorNear(TK_STRING, "invalid escape sequence");
        }
        next();
      }
    }
    save(value);
  }

  /** LuaJIT's {@code lj_debug_shortname} for a chunk name given as source text. */
  static String shortName(String name) {
    if (name.startsWith("=")) {
      byte[] b = name.substring(1).getBytes(StandardCharsets.UTF_8);
      return new String(b, 0, Math.min(b.length, 59), StandardCharsets.UTF_8);
    }
    if (name.startsWith("@")) {
      byte[] b = name.substring(1).getBytes(StandardCharsets.UTF_8);
      return b.length >= 60
          ? "..." + new String(b, b.length - 56, 56, StandardCharsets.UTF_8)
          : new String(b, StandardCharsets.UTF_8);
    }
    byte[] b = name.getBytes(StandardCharsets.UTF_8);
    int len = 0;
    while (len < 48 && len < b.length && (b[len] & 0xFF) >= ' ') {
      len++;
    }
    if (len < b.length) {
      return "[string \"" + new String(b, 0, Math.min(len, 45), StandardCharsets.UTF_8) + "...\"]";
    }
    return "[string \"" + name + "\"]";
  }
}
