package io.silverback.core.typedef;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A single-pass PCRE2 syntax checker and PCRE-to-Java translator for the regexes of route paths.
 *
 * <p>Design. Kong validates a {@code ~} path with {@code ngx.re.find("", re, "aj")}, that is
 * {@code pcre2_compile} with {@code PCRE2_ANCHORED} and no UTF mode, and reports PCRE2's message
 * and error offset. Mapping Java's {@code PatternSyntaxException} afterwards cannot reproduce
 * either: the two engines disagree on what is valid ({@code a{,3}}, {@code \x} without digits,
 * {@code [z-a]}...) and on where an error is. This class therefore follows the structure of
 * PCRE2 10.45's {@code parse_regex} (pcre2_compile.c) item by item, with the same error codes and
 * offsets, plus the checks PCRE2 makes after parsing (references to missing groups, lookbehind
 * lengths, {@code \K} in lookarounds, branch counts of conditionals). While parsing it emits an
 * equivalent Java regex, so a pattern is scanned once for both purposes.
 *
 * <p>Constructs PCRE2 accepts but {@code java.util.regex} cannot express (recursion, conditionals,
 * backtracking verbs, branch reset, {@code \K}, start-of-pattern options that change semantics)
 * are recorded as "unsupported": the pattern is valid for Kong, but there is no Java pattern.
 *
 * <p>Known simplifications: characters are code points, whereas PCRE2 without UTF sees the UTF-8
 * bytes of non-ASCII characters (ranges and quantifiers on non-ASCII characters can be judged
 * differently); lengths of forward references inside lookbehinds count as unlimited; the Perl
 * extended class {@code (?[...])} is not checked.
 */
final class PcreParser extends PcreLexer {

  private static final int LOOKBEHIND_MAX = 65535;
  private static final int MAX_VARIABLE_LOOKBEHIND = 255;

  private static final String CALLOUT_START_DELIMITERS = "`'\"^%#${";
  private static final String CALLOUT_END_DELIMITERS = "`'\"^%#$}";
  private static final List<String> START_OPTIONS = List.of("UTF8)", "UTF)", "UCP)", "NOTEMPTY)",
      "NOTEMPTY_ATSTART)", "NO_AUTO_POSSESS)", "NO_DOTSTAR_ANCHOR)", "NO_JIT)", "NO_START_OPT)",
      "CASELESS_RESTRICT)", "TURKISH_CASING)", "LIMIT_HEAP=", "LIMIT_MATCH=", "LIMIT_DEPTH=",
      "LIMIT_RECURSION=", "CR)", "LF)", "CRLF)", "ANY)", "NUL)", "ANYCRLF)", "BSR_ANYCRLF)",
      "BSR_UNICODE)");
  private static final List<String> HARMLESS_START_OPTIONS = List.of("NO_AUTO_POSSESS)",
      "NO_DOTSTAR_ANCHOR)", "NO_JIT)", "NO_START_OPT)", "LIMIT_HEAP=", "LIMIT_MATCH=",
      "LIMIT_DEPTH=", "LIMIT_RECURSION=", "LF)");
  private static final List<String> VERBS =
      List.of("", "MARK", "ACCEPT", "F", "FAIL", "COMMIT", "PRUNE", "SKIP", "THEN");
  private static final Map<String, Kind> ALPHA_ASSERTIONS = alphaAssertions();

  private enum Kind {
    ROOT, CAPTURE, GROUP, ATOMIC, LOOKAHEAD, LOOKBEHIND, NON_ATOMIC, CONDITION, SCRIPT_RUN
  }

  /**
   * Outcome of a parse.
   *
   * @param javaRegex the Java translation (meaningful only without error and unsupported)
   * @param error PCRE2's compile error, if PCRE2 rejects the pattern
   * @param unsupported why Java cannot express a pattern PCRE2 accepts
   * @param namedGroups PCRE group names to group numbers, in order of definition
   */
  record Result(String javaRegex, Optional<PcreError> error, Optional<String> unsupported,
      Map<String, Integer> namedGroups) {}

  /** A group being parsed, with what is needed to close it and to measure lookbehinds. */
  private final class Frame {
    final Kind kind;
    final int start;
    final int savedOptions;
    final int number;
    final boolean reset;
    final int resetBase;
    int resetMax;
    int capturingBranches;
    int branches = 1;
    int condOffset = -1;
    boolean define;
    boolean condAssert;
    long branchMin;
    long branchMax;
    long lastMin;
    long lastMax;
    long groupMin = UNLIMITED;
    long groupMax;
    int unlimitedAt = -1;
    final List<long[]> branchLengths = new ArrayList<>();

    Frame(Kind kind, int start, int savedOptions, int number, boolean reset, int resetBase) {
      this.kind = kind;
      this.start = start;
      this.savedOptions = savedOptions;
      this.number = number;
      this.reset = reset;
      this.resetBase = resetBase;
      this.resetMax = resetBase;
    }

    void item(long min, long max) {
      branchMin = Math.min(UNLIMITED, branchMin + min);
      branchMax = Math.min(UNLIMITED, branchMax + max);
      lastMin = min;
      lastMax = max;
      noteUnlimited();
    }

    private void noteUnlimited() {
      if (branchMax >= UNLIMITED && unlimitedAt < 0) {
        unlimitedAt = itemPos;
      }
    }

    void repeat(long min, long max) {
      branchMin = Math.min(UNLIMITED, branchMin - lastMin + lastMin * min);
      boolean unlimited = branchMax >= UNLIMITED || lastMax >= UNLIMITED
          || (max >= UNLIMITED && lastMax > 0);
      branchMax = unlimited ? UNLIMITED : Math.min(UNLIMITED, branchMax - lastMax + lastMax * max);
      noteUnlimited();
      lastMin = 0;
      lastMax = 0;
    }

    void endBranch() {
      groupMin = Math.min(groupMin, branchMin);
      groupMax = Math.max(groupMax, branchMax);
      branchLengths.add(new long[] {branchMin, branchMax});
      branchMin = 0;
      branchMax = 0;
      lastMin = 0;
      lastMax = 0;
    }
  }

  /**
   * An error PCRE2 only finds after parsing.
   *
   * @param key the pattern position at which PCRE2's later pass meets the problem (for ordering)
   * @param lookbehindPhase whether check_lookbehinds (rather than compile_regex) finds it
   */
  private record Deferred(int key, PcreError error, boolean lookbehindPhase) {}

  /** A reference to a group, checked once all groups are known. */
  private record Reference(int offset, int number, String name, boolean recursion,
      int outIndex, int javaGroupsBefore, int lookbehindStart, int itemStart) {}

  private final StringBuilder out = new StringBuilder();
  private boolean inVerbName;
  private boolean okQuantifier;
  private boolean lastWasQuantifier;
  private int quantifierEnd;
  private int expectCondAssert;
  private int javaGroups;
  private boolean dupCaptures;
  private final Deque<Frame> frames = new ArrayDeque<>();
  private final Map<String, Integer> names = new LinkedHashMap<>();
  private final Map<Integer, long[]> groupLengths = new HashMap<>();
  private final List<Reference> references = new ArrayList<>();
  private final List<Deferred> deferred = new ArrayList<>();
  private int itemPos;
  private int kInLookaroundOffset = -1;
  private boolean conditionAssertionPending;

  private PcreParser(String pattern) {
    super(pattern);
  }

  /**
   * Checks and translates a PCRE2 pattern compiled with Kong's options (anchored, no UTF).
   *
   * @param pattern the PCRE2 pattern
   * @return the result; never throws for any input
   */
  static Result parse(String pattern) {
    PcreParser parser = new PcreParser(pattern);
    Optional<PcreError> error;
    try {
      parser.run();
      error = Optional.empty();
    } catch (Failure failure) {
      error = Optional.of(failure.error);
    }
    return new Result(parser.out.toString(), error, Optional.ofNullable(parser.unsupportedReason),
        Collections.unmodifiableMap(new LinkedHashMap<>(parser.names)));
  }

  private void run() {
    frames.push(new Frame(Kind.ROOT, 0, 0, 0, false, 0));
    readStartOptions();
    while (pos < end) {
      step();
    }
    if (inVerbName) {
      throw fail("(*VERB) not recognized or malformed", end);
    }
    if (frames.size() > 1) {
      throw fail("missing closing parenthesis", end);
    }
    checkAfterParse();
    resolveReferences();
  }

  // ---------------------------------------------------------------- main loop

  private void step() {
    itemPos = pos;
    int c = p.codePointAt(pos);
    pos += Character.charCount(c);
    if (inEscQ) {
      if (c == '\\' && pos < end && p.charAt(pos) == 'E') {
        inEscQ = false;
        pos++;
      } else {
        if (expectCondAssert > 0) {
          throw fail("atomic assertion expected after (?( or (?(?C)", itemPos);
        }
        literal(c);
        lastWasQuantifier = false;
      }
      return;
    }
    if (inVerbName) {
      inVerbName = c != ')';
      return;
    }
    if (c == '\\' && pos < end && (p.charAt(pos) == 'Q' || p.charAt(pos) == 'E')) {
      inEscQ = p.charAt(pos++) == 'Q';
      return;
    }
    if ((options & EXTENDED) != 0) {
      if (isSpace(c)) {
        return;
      }
      if (c == '#') {
        while (pos < end && p.charAt(pos++) != '\n') {
          // skip the comment up to and including the newline
        }
        return;
      }
    }
    if (c == '(' && end - pos >= 2 && p.charAt(pos) == '?' && p.charAt(pos + 1) == '#') {
      pos++;
      while (++pos < end && p.charAt(pos) != ')') {
        // skip the comment
      }
      if (pos >= end) {
        throw fail("missing ) after (?# comment", pos);
      }
      pos++;
      return;
    }
    if (expectCondAssert > 0) {
      checkConditionAssertion(c);
    }
    int previousExpect = expectCondAssert;
    expectCondAssert = 0;
    boolean previousOk = okQuantifier;
    boolean previousQuantifier = lastWasQuantifier;
    okQuantifier = false;
    lastWasQuantifier = false;
    if (previousQuantifier && (c == '?' || c == '+')) {
      modifyQuantifier(c);
      return;
    }
    switch (c) {
      case '\\':
        escape();
        break;
      case '^':
        // Java's multiline ^ never matches at the end of the input, not even of an empty one.
        emitRaw((options & MULTILINE) != 0 ? "(?:\\A|^)" : "^");
        current().item(0, 0);
        break;
      case '$':
        emitRaw("$");
        current().item(0, 0);
        break;
      case '.':
        emitRaw(".");
        current().item(1, 1);
        okQuantifier = true;
        break;
      case '*':
        quantifier(previousOk, 0, UNLIMITED, "*");
        break;
      case '+':
        quantifier(previousOk, 1, UNLIMITED, "+");
        break;
      case '?':
        quantifier(previousOk, 0, 1, "?");
        break;
      case '{':
        braceQuantifier(previousOk);
        break;
      case '[':
        characterClass();
        break;
      case '(':
        conditionAssertionPending = previousExpect > 0;
        openGroup(previousExpect);
        break;
      case '|':
        alternation();
        break;
      case ')':
        closeGroup();
        break;
      default:
        literal(c);
        break;
    }
  }

  private void literal(int c) {
    emitRaw(javaLiteral(c));
    current().item(1, 1);
    okQuantifier = true;
  }

  private void checkConditionAssertion(int c) {
    boolean ok = c == '(' && end - pos >= 3 && (p.charAt(pos) == '?' || p.charAt(pos) == '*');
    if (ok) {
      char next = p.charAt(pos + 1);
      if (p.charAt(pos) == '*') {
        ok = next >= 'a' && next <= 'z';
      } else {
        ok = (next == 'C' && expectCondAssert == 2) || next == '=' || next == '!'
            || (next == '<' && (p.charAt(pos + 2) == '=' || p.charAt(pos + 2) == '!'));
      }
    }
    if (!ok) {
      throw fail("atomic assertion expected after (?( or (?(?C)", itemPos);
    }
  }

  // ---------------------------------------------------------------- quantifiers

  private void quantifier(boolean previousOk, long min, long max, String text) {
    if (!previousOk) {
      throw fail("quantifier does not follow a repeatable item", pos - 1);
    }
    emitRaw(text + ((options & UNGREEDY) != 0 ? "?" : ""));
    quantifierEnd = out.length();
    lastWasQuantifier = true;
    current().repeat(min, max);
  }

  private void braceQuantifier(boolean previousOk) {
    long[] counts = readRepeatCounts(pos);
    if (counts == null) {
      literal('{');
      return;
    }
    pos = numberEnd;
    String text = "{" + counts[0] + (counts[1] == counts[0] ? "" : ","
        + (counts[1] >= UNLIMITED ? "" : String.valueOf(counts[1]))) + "}";
    quantifier(previousOk, counts[0], counts[1], text);
  }

  private void modifyQuantifier(int c) {
    boolean ungreedy = (options & UNGREEDY) != 0;
    if (ungreedy) {
      out.setLength(quantifierEnd - 1);
    }
    if (c == '+') {
      out.append('+');
    } else if (!ungreedy) {
      out.append('?');
    }
  }

  // ---------------------------------------------------------------- escapes

  private void escape() {
    int e = readEscape(false);
    Frame frame = current();
    if (e == 0) {
      literal(escapeValue);
      return;
    }
    if (e < 0) {
      backReference(-e - 1, pos - 1);
      return;
    }
    switch (e) {
      case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
      case 'h': case 'H': case 'v': case 'V':
        emitRaw("\\" + (char) e);
        frame.item(1, 1);
        okQuantifier = true;
        break;
      case 'R':
        emitRaw("\\R");
        frame.item(1, 2);
        okQuantifier = true;
        break;
      case 'X':
        emitRaw("\\X");
        frame.item(1, UNLIMITED);
        okQuantifier = true;
        break;
      case 'N':
        emitRaw("[^\\n]");
        frame.item(1, 1);
        okQuantifier = true;
        break;
      case 'C':
        emitRaw("(?s:.)");
        frame.item(1, 1);
        okQuantifier = true;
        break;
      case 'K':
        unsupported("\\K");
        if (insideLookaround() && kInLookaroundOffset < 0) {
          kInLookaroundOffset = pos - 2;
        }
        break;
      case 'p':
      case 'P':
        emitRaw(property(e == 'P'));
        frame.item(1, 1);
        okQuantifier = true;
        break;
      case 'g':
      case 'k':
        namedEscape(e);
        break;
      default:
        emitRaw("\\" + (char) e);
        frame.item(0, 0);
        break;
    }
  }

  /** \k{name} \k<name> \k'name' \g{name} (back references), \g<x> \g'x' (subroutine calls). */
  private void namedEscape(int e) {
    if (pos >= end || "{<'".indexOf(p.charAt(pos)) < 0) {
      throw fail(e == 'g'
          ? "\\g is not followed by a braced, angle-bracketed, or quoted name/number or by a"
              + " plain number"
          : "\\k is not followed by a braced, angle-bracketed, or quoted name", pos);
    }
    char open = p.charAt(pos);
    char terminator = open == '<' ? '>' : open == '\'' ? '\'' : '}';
    if (e == 'g' && terminator != '}') {
      int n = groupNumberReportedAt(pos + 1, pos);
      if (n >= 0) {
        if (numberEnd >= end || p.charAt(numberEnd) != terminator) {
          throw fail("\\g is not followed by a braced, angle-bracketed, or quoted name/number or"
              + " by a plain number", pos);
        }
        pos = numberEnd;
        recursionByNumber(n);
        return;
      }
    }
    readName(pos, terminator, true);
    if (e == 'k' || terminator == '}') {
      namedBackReference();
    } else {
      recursionByName();
    }
  }

  // ---------------------------------------------------------------- references

  private void backReference(int number, int offset) {
    Frame frame = current();
    long[] length = dupCaptures ? null : groupLengths.get(number);
    frame.item(length == null ? 0 : length[0], length == null ? UNLIMITED : length[1]);
    okQuantifier = true;
    addReference(offset, number, null, false, out.length());
    if (insideLookbehind()) {
      unsupported("back reference in lookbehind");
    }
  }

  private void namedBackReference() {
    Integer number = names.get(nameRead);
    long[] length = number == null ? null : groupLengths.get(number);
    current().item(length == null ? 0 : length[0], length == null ? UNLIMITED : length[1]);
    okQuantifier = true;
    addReference(nameOffset, 0, nameRead, false, out.length());
    if (insideLookbehind()) {
      unsupported("back reference in lookbehind");
    }
  }

  private void recursionByNumber(int number) {
    addReference(pos, number, null, true, -1);
    pos++;
    recursionItem();
  }

  private void recursionByName() {
    addReference(nameOffset, 0, nameRead, true, -1);
    recursionItem();
  }

  private void recursionItem() {
    unsupported("recursion or subroutine call");
    current().item(0, UNLIMITED);
    okQuantifier = true;
  }

  private void addReference(int offset, int number, String name, boolean recursion,
      int outIndex) {
    references.add(new Reference(offset, number, name, recursion, outIndex, javaGroups,
        lookbehindStart(), itemPos));
  }

  private void resolveReferences() {
    for (int i = references.size() - 1; i >= 0; i--) {
      Reference ref = references.get(i);
      if (ref.recursion()) {
        continue;
      }
      int number = ref.name() == null ? ref.number() : names.get(ref.name());
      boolean javaCanSee = number < 10 || number <= ref.javaGroupsBefore();
      if (!javaCanSee) {
        unsupported("forward reference to group " + number);
      }
      out.insert(ref.outIndex(), "(?:\\" + number + ")");
    }
  }

  // ---------------------------------------------------------------- groups

  private void openGroup(int previousExpect) {
    int start = pos - 1;
    if (pos >= end) {
      throw fail("missing closing parenthesis", pos);
    }
    if (p.charAt(pos) != '?') {
      if (p.charAt(pos) != '*') {
        if ((options & NO_AUTO_CAPTURE) == 0) {
          capture(start);
        } else {
          push(Kind.GROUP, start, "(?:");
        }
      } else if (end - pos > 1 && p.charAt(pos + 1) != ')') {
        char next = p.charAt(pos + 1);
        if (next >= 'a' && next <= 'z') {
          alphaAssertion(start, previousExpect);
        } else {
          verb();
        }
      }
      return;
    }
    if (++pos >= end) {
      throw fail("missing closing parenthesis", pos);
    }
    char c = p.charAt(pos);
    switch (c) {
      case 'P':
        pythonSyntax(start);
        break;
      case 'R':
        pos++;
        if (pos >= end || p.charAt(pos) != ')') {
          throw fail("(?R (recursive pattern call) must be followed by a closing parenthesis", pos);
        }
        recursionByNumber(0);
        break;
      case '+':
        if (end - pos < 2 || !isDigit(p.charAt(pos + 1))) {
          throw fail("digit expected after (?+ or (?-", pos);
        }
        recursionNumber();
        break;
      case '&':
        readName(pos, ')', true);
        recursionByName();
        break;
      case 'C':
        callout(previousExpect);
        break;
      case '(':
        condition(start);
        break;
      case '>':
        pos++;
        push(Kind.ATOMIC, start, "(?>");
        break;
      case '=':
        pos++;
        push(Kind.LOOKAHEAD, start, "(?=");
        break;
      case '!':
        pos++;
        push(Kind.LOOKAHEAD, start, "(?!");
        break;
      case '*':
        pos++;
        unsupported("non-atomic lookahead");
        push(Kind.NON_ATOMIC, start, "(?=");
        break;
      case '<':
        if (end - pos > 1 && "=!*".indexOf(p.charAt(pos + 1)) >= 0) {
          char type = p.charAt(pos + 1);
          if (type == '*') {
            unsupported("non-atomic lookbehind");
          }
          pos += 2;
          push(Kind.LOOKBEHIND, start, type == '!' ? "(?<!" : "(?<=");
        } else {
          namedCapture(start, '>');
        }
        break;
      case '\'':
        namedCapture(start, '\'');
        break;
      case '[':
        unsupported("Perl extended character class (?[...])");
        skipExtendedClass();
        break;
      default:
        if (isDigit(c) || (c == '-' && end - pos > 1 && isDigit(p.charAt(pos + 1)))) {
          recursionNumber();
        } else {
          optionSetting(start);
        }
        break;
    }
  }

  private void capture(int start) {
    captures++;
    if (captures > MAX_GROUP_NUMBER) {
      throw fail("too many capturing groups (maximum 65535)", pos);
    }
    javaGroups++;
    Frame frame = new Frame(Kind.CAPTURE, start, options, captures, false, 0);
    frames.push(frame);
    emitRaw("(");
  }

  private void push(Kind kind, int start, String java) {
    pushFrame(new Frame(kind, start, options, 0, false, 0));
    emitRaw(java);
  }

  /** Pushes a group; an assertion that is the condition of (?( may not be quantified. */
  private void pushFrame(Frame frame) {
    frame.condAssert = conditionAssertionPending
        && (frame.kind == Kind.LOOKAHEAD || frame.kind == Kind.LOOKBEHIND
            || frame.kind == Kind.NON_ATOMIC);
    frames.push(frame);
  }

  private void namedCapture(int start, char terminator) {
    readName(pos, terminator, true);
    int number = captures + 1;
    if (number > MAX_GROUP_NUMBER) {
      throw fail("too many capturing groups (maximum 65535)", pos);
    }
    Integer existing = names.get(nameRead);
    if (existing != null && existing != number && (options & DUPNAMES) == 0) {
      throw fail("two named subpatterns have the same name (PCRE2_DUPNAMES not set)", pos);
    }
    if (existing == null) {
      for (Map.Entry<String, Integer> entry : names.entrySet()) {
        if (entry.getValue() == number) {
          throw fail("different names for subpatterns of the same number are not allowed", pos);
        }
      }
      names.put(nameRead, number);
    } else if (existing != number) {
      unsupported("duplicate group names");
    }
    capture(start);
  }

  private void pythonSyntax(int start) {
    if (++pos >= end) {
      throw fail("missing closing parenthesis", pos);
    }
    char c = p.charAt(pos);
    if (c == '<') {
      namedCapture(start, '>');
    } else if (c == '>') {
      readName(pos, ')', true);
      recursionByName();
    } else if (c == '=') {
      readName(pos, ')', true);
      namedBackReference();
    } else {
      throw fail("unrecognized character after (?P", pos);
    }
  }

  private void recursionNumber() {
    boolean signed = !isDigit(p.charAt(pos));
    int n = readNumber(pos, signed ? captures : -1, MAX_GROUP_NUMBER,
        "subpattern number is too big");
    pos = numberEnd;
    if (pos >= end || p.charAt(pos) != ')') {
      throw fail("missing closing parenthesis", pos);
    }
    recursionByNumber(n);
  }

  private void optionSetting(int start) {
    Frame frame = new Frame(Kind.GROUP, start, options, 0, p.charAt(pos) == '|', captures);
    if (frame.reset) {
      pos++;
      dupCaptures = true;
      pushFrame(frame);
      emitRaw("(?:");
      return;
    }
    int set = 0;
    int unset = 0;
    boolean hyphenOk = true;
    boolean unsetting = false;
    if (p.charAt(pos) == '^') {
      options &= ~(CASELESS | MULTILINE | NO_AUTO_CAPTURE | DOTALL | EXTENDED | EXTENDED_MORE);
      hyphenOk = false;
      unset |= CASELESS | MULTILINE | DOTALL;
      pos++;
    }
    while (pos < end && p.charAt(pos) != ')' && p.charAt(pos) != ':') {
      char c = p.charAt(pos++);
      int bit;
      switch (c) {
        case '-':
          if (!hyphenOk) {
            throw fail("invalid hyphen in option setting", pos - 1);
          }
          unsetting = true;
          hyphenOk = false;
          continue;
        case 'a':
          if (pos < end && "DPSTW".indexOf(p.charAt(pos)) >= 0) {
            pos++;
          }
          continue;
        case 'r':
          continue;
        case 'J': bit = DUPNAMES; break;
        case 'i': bit = CASELESS; break;
        case 'm': bit = MULTILINE; break;
        case 'n': bit = NO_AUTO_CAPTURE; break;
        case 's': bit = DOTALL; break;
        case 'U': bit = UNGREEDY; break;
        case 'x':
          bit = EXTENDED;
          if (pos < end && p.charAt(pos) == 'x') {
            bit |= EXTENDED_MORE;
            pos++;
          }
          break;
        default:
          throw fail("unrecognized character after (? or (?-", pos - 1);
      }
      if (unsetting) {
        unset |= bit;
      } else {
        set |= bit;
      }
    }
    if ((set & (EXTENDED | EXTENDED_MORE)) == EXTENDED || (unset & EXTENDED) != 0) {
      unset |= EXTENDED_MORE;
    }
    options = (options | set) & ~unset;
    if (pos >= end) {
      throw fail("missing closing parenthesis", pos);
    }
    String javaFlags = javaFlags(set, unset);
    if (p.charAt(pos++) == ')') {
      emitRaw(javaFlags.isEmpty() ? "" : "(?" + javaFlags + ")");
      return;
    }
    frames.push(new Frame(Kind.GROUP, start, frame.savedOptions, 0, false, 0));
    emitRaw("(?" + javaFlags + ":");
  }

  private static String javaFlags(int set, int unset) {
    String on = flagLetters(set);
    String off = flagLetters(unset);
    return off.isEmpty() ? on : on + "-" + off;
  }

  private static String flagLetters(int bits) {
    return ((bits & CASELESS) != 0 ? "i" : "") + ((bits & MULTILINE) != 0 ? "m" : "")
        + ((bits & DOTALL) != 0 ? "s" : "");
  }

  private void callout(int previousExpect) {
    expectCondAssert = previousExpect - 1;
    if (++pos >= end) {
      throw fail("missing closing parenthesis", pos);
    }
    char c = p.charAt(pos);
    if (c != ')' && !isDigit(c)) {
      int startPtr = pos;
      int delimiter = CALLOUT_START_DELIMITERS.indexOf(c);
      if (delimiter < 0) {
        throw fail("unrecognized string delimiter follows (?C", pos);
      }
      char close = CALLOUT_END_DELIMITERS.charAt(delimiter);
      while (true) {
        if (++pos >= end) {
          throw fail("missing terminating delimiter for callout with string argument", startPtr);
        }
        if (p.charAt(pos) == close && (++pos >= end || p.charAt(pos) != close)) {
          break;
        }
      }
    } else {
      int n = 0;
      while (pos < end && isDigit(p.charAt(pos))) {
        n = n * 10 + p.charAt(pos++) - '0';
        if (n > 255) {
          throw fail("number after (?C is greater than 255", pos);
        }
      }
    }
    if (pos >= end || p.charAt(pos) != ')') {
      throw fail("closing parenthesis for (?C expected", pos);
    }
    pos++;
  }

  private void condition(int start) {
    if (++pos >= end) {
      throw fail("missing closing parenthesis", pos);
    }
    unsupported("conditional group");
    Frame frame = new Frame(Kind.CONDITION, start, options, 0, false, 0);
    frames.push(frame);
    emitRaw("(?:");
    char c = p.charAt(pos);
    if (c == '?' || c == '*') {
      pos--;
      expectCondAssert = 2;
      return;
    }
    int n = readNumber(pos, captures, MAX_GROUP_NUMBER, "subpattern number is too big");
    if (n >= 0) {
      if (n <= 0) {
        throw fail("reference to non-existent subpattern", numberEnd);
      }
      pos = numberEnd;
      addReference(pos - 2, n, null, true, -1);
    } else if (end - pos >= 10 && p.startsWith("VERSION", pos) && p.charAt(pos + 7) != ')') {
      versionCondition();
    } else {
      namedCondition(frame);
    }
    if (pos >= end || p.charAt(pos) != ')') {
      throw fail("missing closing parenthesis for condition", pos);
    }
    pos++;
  }

  private void versionCondition() {
    String bad = "syntax error or number too big in (?(VERSION condition";
    pos += 7;
    if (p.charAt(pos) == '>') {
      pos++;
    }
    if (p.charAt(pos) != '=' || ++pos >= end || !isDigit(p.charAt(pos))) {
      throw fail(bad, pos);
    }
    readNumber(pos, -1, 1000, bad);
    pos = numberEnd;
    if (pos >= end) {
      throw fail(bad, pos);
    }
    if (p.charAt(pos) == '.') {
      if (++pos >= end || !isDigit(p.charAt(pos))) {
        throw fail(bad, pos);
      }
      pos++;
      if (pos >= end) {
        throw fail(bad, pos);
      }
      if (isDigit(p.charAt(pos))) {
        pos++;
      }
      if (pos >= end || p.charAt(pos) != ')') {
        throw fail(bad, pos);
      }
    }
  }

  private void namedCondition(Frame frame) {
    char c = p.charAt(pos);
    boolean rAmpersand = c == 'R' && end - pos > 1 && p.charAt(pos + 1) == '&';
    char terminator;
    if (rAmpersand) {
      terminator = ')';
      pos++;
    } else if (c == '<') {
      terminator = '>';
    } else if (c == '\'') {
      terminator = '\'';
    } else {
      terminator = ')';
      pos--;
    }
    readName(pos, terminator, true);
    String name = nameRead;
    if (terminator == ')') {
      pos--;
    }
    if (!rAmpersand && terminator == ')') {
      if (name.equals("DEFINE")) {
        frame.define = true;
        frame.condOffset = nameOffset;
        return;
      }
      if (name.equals("R")) {
        return;
      }
      if (name.charAt(0) == 'R' && name.substring(1).chars().allMatch(PcreParser::isDigit)) {
        String digits = name.substring(1);
        int number = digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        addReference(nameOffset, number, name, true, -1);
        return;
      }
    }
    addReference(nameOffset, 0, name, true, -1);
  }

  private void alphaAssertion(int start, int previousExpect) {
    readName(pos, ')', false);
    if (pos >= end || p.charAt(pos) != ':') {
      throw fail("(*alpha_assertion) not recognized", pos);
    }
    Kind kind = ALPHA_ASSERTIONS.get(nameRead);
    if (kind == null) {
      throw fail("(*alpha_assertion) not recognized", pos);
    }
    boolean lookaround = kind == Kind.LOOKAHEAD || kind == Kind.LOOKBEHIND;
    if (previousExpect > 0 && !lookaround && !nameRead.startsWith("n")) {
      throw fail("atomic assertion expected after (?( or (?(?C)", pos);
    }
    String name = nameRead;
    boolean negative = name.equals("nla") || name.equals("nlb") || name.startsWith("negative");
    if (kind == Kind.LOOKBEHIND) {
      pushFrame(new Frame(kind, pos - 3, options, 0, false, 0));
      emitRaw(negative ? "(?<!" : "(?<=");
    } else if (kind == Kind.LOOKAHEAD) {
      push(kind, start, negative ? "(?!" : "(?=");
    } else if (kind == Kind.ATOMIC) {
      push(kind, start, "(?>");
    } else {
      unsupported("(*" + name + ":...)");
      if (kind == Kind.NON_ATOMIC && name.contains("behind") || name.equals("naplb")) {
        pushFrame(new Frame(Kind.LOOKBEHIND, pos - 3, options, 0, false, 0));
      } else {
        push(kind == Kind.NON_ATOMIC ? Kind.NON_ATOMIC : Kind.GROUP, start, "(?:");
      }
      if (name.equals("scs") || name.equals("scan_substring")) {
        skipParenthesized();
      }
    }
    pos++;
  }

  private void verb() {
    readName(pos, ')', false);
    if (pos >= end || (p.charAt(pos) != ':' && p.charAt(pos) != ')')) {
      throw fail("(*VERB) not recognized or malformed", pos);
    }
    String name = nameRead;
    if (!VERBS.contains(name)) {
      throw fail("(*VERB) not recognized or malformed", pos);
    }
    if (p.charAt(pos) == ':' && pos + 1 < end && p.charAt(pos + 1) == ')') {
      pos++;
    }
    if ((name.isEmpty() || name.equals("MARK")) && p.charAt(pos) != ':') {
      throw fail("(*MARK) must have an argument", pos);
    }
    okQuantifier = name.equals("ACCEPT");
    if (p.charAt(pos++) == ':') {
      inVerbName = true;
    }
    current().item(0, 0);
    if (name.equals("F") || name.equals("FAIL")) {
      emitRaw("(?!)");
    } else if (!name.isEmpty() && !name.equals("MARK")) {
      unsupported("(*" + name + ")");
    }
  }

  private void alternation() {
    Frame frame = current();
    if (frame.reset) {
      countCapturingBranch(frame);
      frame.resetMax = Math.max(frame.resetMax, captures);
      captures = frame.resetBase;
    }
    frame.endBranch();
    frame.branches++;
    emitRaw("|");
  }

  /**
   * Java numbers groups across branches, which equals PCRE's reset numbering only if at most one
   * branch captures.
   */
  private void countCapturingBranch(Frame frame) {
    if (captures > frame.resetBase) {
      frame.capturingBranches++;
    }
  }

  private void closeGroup() {
    okQuantifier = true;
    if (frames.size() == 1) {
      throw fail("unmatched closing parenthesis", pos - 1);
    }
    Frame frame = frames.pop();
    options = frame.savedOptions;
    if (frame.reset) {
      countCapturingBranch(frame);
      captures = Math.max(captures, frame.resetMax);
      if (frame.capturingBranches > 1) {
        unsupported("branch reset group (?|...) with captures in several branches");
      }
    }
    frame.endBranch();
    emitRaw(")");
    okQuantifier = !frame.condAssert;
    if (frame.unlimitedAt >= 0) {
      itemPos = frame.unlimitedAt;
    }
    switch (frame.kind) {
      case LOOKBEHIND:
        checkLookbehind(frame);
        current().item(0, 0);
        break;
      case LOOKAHEAD:
      case NON_ATOMIC:
        current().item(0, 0);
        break;
      case CONDITION:
        checkCondition(frame);
        current().item(frame.groupMin, frame.groupMax);
        break;
      default:
        if (frame.kind == Kind.CAPTURE) {
          groupLengths.put(frame.number, new long[] {frame.groupMin, frame.groupMax});
        }
        current().item(frame.groupMin, frame.groupMax);
        break;
    }
  }

  private void checkCondition(Frame frame) {
    if (frame.define && frame.branches > 1) {
      deferred.add(new Deferred(frame.start, new PcreError(
          "DEFINE subpattern contains more than one branch", frame.condOffset), false));
    } else if (!frame.define && frame.branches > 2) {
      deferred.add(new Deferred(frame.start, new PcreError(
          "conditional subpattern contains more than two branches", frame.start), false));
    }
  }

  private void checkLookbehind(Frame frame) {
    boolean variable = false;
    long max = 0;
    for (long[] branch : frame.branchLengths) {
      if (branch[1] >= UNLIMITED) {
        deferred.add(new Deferred(frame.unlimitedAt, new PcreError(
            "length of lookbehind assertion is not limited", frame.start), true));
        return;
      }
      if (branch[1] > LOOKBEHIND_MAX) {
        deferred.add(new Deferred(frame.start, new PcreError(
            "lookbehind assertion is too long", frame.start), true));
        return;
      }
      variable |= branch[0] != branch[1];
      max = Math.max(max, branch[1]);
    }
    if (variable && max > MAX_VARIABLE_LOOKBEHIND) {
      deferred.add(new Deferred(frame.start, new PcreError(
          "branch too long in variable-length lookbehind assertion", frame.start), true));
    }
  }

  /**
   * PCRE2's checks after parse_regex: check_lookbehinds (lookbehind lengths, and references made
   * inside lookbehinds), then compile_regex (references, conditionals, \K) in pattern order.
   */
  private void checkAfterParse() {
    List<Deferred> lookbehindPhase = new ArrayList<>();
    List<Deferred> compilePhase = new ArrayList<>();
    for (Deferred d : deferred) {
      (d.lookbehindPhase() ? lookbehindPhase : compilePhase).add(d);
    }
    for (Reference ref : references) {
      if (isMissing(ref)) {
        boolean inLookbehind = ref.lookbehindStart() >= 0;
        Deferred missing = new Deferred(inLookbehind ? ref.itemStart() : ref.offset(),
            new PcreError("reference to non-existent subpattern", ref.offset()), false);
        (inLookbehind ? lookbehindPhase : compilePhase).add(missing);
      }
    }
    if (kInLookaroundOffset >= 0) {
      compilePhase.add(new Deferred(kInLookaroundOffset, new PcreError(
          "\\K is not allowed in lookarounds (but see PCRE2_EXTRA_ALLOW_LOOKAROUND_BSK)", end),
          false));
    }
    for (List<Deferred> phase : List.of(lookbehindPhase, compilePhase)) {
      // On equal keys the reference wins: the missing group is what made the length unlimited.
      phase.stream()
          .min((a, b) -> a.key() != b.key() ? Integer.compare(a.key(), b.key())
              : Boolean.compare(a.lookbehindPhase(), b.lookbehindPhase()))
          .ifPresent(first -> {
            throw new Failure(first.error());
          });
    }
  }

  private boolean isMissing(Reference ref) {
    if (ref.name() == null) {
      return ref.number() > captures;
    }
    return !names.containsKey(ref.name()) && !(ref.number() > 0 && ref.number() <= captures);
  }

  // ---------------------------------------------------------------- character classes

  private void characterClass() {
    if (end - pos >= 6 && (p.startsWith("[:<:]]", pos) || p.startsWith("[:>:]]", pos))) {
      emitRaw(p.charAt(pos + 2) == '<' ? "(?:\\b(?=\\w))" : "(?:\\b(?<=\\w))");
      pos += 6;
      okQuantifier = true;
      current().item(0, 0);
      return;
    }
    if (pos < end && ":.=".indexOf(p.charAt(pos)) >= 0 && posixEnd(pos) >= 0) {
      throw fail(p.charAt(pos) == ':'
          ? "POSIX named classes are supported only within a class"
          : "POSIX collating elements are not supported", pos - 1);
    }
    okQuantifier = true;
    emitRaw(new PcreClassParser(this).parse());
    current().item(1, 1);
  }

  // ---------------------------------------------------------------- start options and skipping

  private void readStartOptions() {
    outer:
    while (end - pos >= 2 && p.charAt(pos) == '(' && p.charAt(pos + 1) == '*') {
      for (String option : START_OPTIONS) {
        if (!p.startsWith(option, pos + 2)) {
          continue;
        }
        int q = pos + 2 + option.length();
        if (option.endsWith("=")) {
          int digits = q;
          while (q < end && isDigit(p.charAt(q))) {
            q++;
          }
          if (q >= end || q == digits || p.charAt(q) != ')') {
            throw fail("(*VERB) not recognized or malformed", q);
          }
          q++;
        }
        utf |= option.startsWith("UTF");
        if (!HARMLESS_START_OPTIONS.contains(option)) {
          unsupported("(*" + option.replace(")", "") + ")");
        }
        pos = q;
        continue outer;
      }
      break;
    }
  }

  private void skipExtendedClass() {
    int close = p.indexOf("])", pos);
    pos = close < 0 ? end : close + 2;
    current().item(1, 1);
    okQuantifier = true;
  }

  private void skipParenthesized() {
    int close = p.indexOf(')', pos);
    pos = close < 0 ? end : close;
  }

  // ---------------------------------------------------------------- helpers

  private Frame current() {
    return frames.peek();
  }

  private boolean insideLookbehind() {
    return lookbehindStart() >= 0;
  }

  /** Start of the outermost enclosing lookbehind, or -1. */
  private int lookbehindStart() {
    int start = -1;
    for (Frame frame : frames) {
      if (frame.kind == Kind.LOOKBEHIND) {
        start = frame.start;
      }
    }
    return start;
  }

  private boolean insideLookaround() {
    for (Frame frame : frames) {
      if (frame.kind == Kind.LOOKBEHIND || frame.kind == Kind.LOOKAHEAD
          || frame.kind == Kind.NON_ATOMIC) {
        return true;
      }
    }
    return false;
  }

  private void emitRaw(String java) {
    out.append(java);
  }

  private static Map<String, Kind> alphaAssertions() {
    Map<String, Kind> map = new HashMap<>();
    for (String name : List.of("pla", "nla", "positive_lookahead", "negative_lookahead")) {
      map.put(name, Kind.LOOKAHEAD);
    }
    for (String name : List.of("plb", "nlb", "positive_lookbehind", "negative_lookbehind")) {
      map.put(name, Kind.LOOKBEHIND);
    }
    for (String name : List.of("napla", "naplb", "non_atomic_positive_lookahead",
        "non_atomic_positive_lookbehind")) {
      map.put(name, Kind.NON_ATOMIC);
    }
    map.put("atomic", Kind.ATOMIC);
    for (String name : List.of("sr", "asr", "script_run", "atomic_script_run", "scs",
        "scan_substring")) {
      map.put(name, Kind.SCRIPT_RUN);
    }
    return Map.copyOf(map);
  }
}
