package io.silverback.core.plugin;

import static io.silverback.core.plugin.LuaLexer.TK_AND;
import static io.silverback.core.plugin.LuaLexer.TK_BREAK;
import static io.silverback.core.plugin.LuaLexer.TK_CONCAT;
import static io.silverback.core.plugin.LuaLexer.TK_DO;
import static io.silverback.core.plugin.LuaLexer.TK_DOTS;
import static io.silverback.core.plugin.LuaLexer.TK_ELSE;
import static io.silverback.core.plugin.LuaLexer.TK_ELSEIF;
import static io.silverback.core.plugin.LuaLexer.TK_END;
import static io.silverback.core.plugin.LuaLexer.TK_EOF;
import static io.silverback.core.plugin.LuaLexer.TK_EQ;
import static io.silverback.core.plugin.LuaLexer.TK_FALSE;
import static io.silverback.core.plugin.LuaLexer.TK_FOR;
import static io.silverback.core.plugin.LuaLexer.TK_FUNCTION;
import static io.silverback.core.plugin.LuaLexer.TK_GE;
import static io.silverback.core.plugin.LuaLexer.TK_GOTO;
import static io.silverback.core.plugin.LuaLexer.TK_IF;
import static io.silverback.core.plugin.LuaLexer.TK_IN;
import static io.silverback.core.plugin.LuaLexer.TK_LABEL;
import static io.silverback.core.plugin.LuaLexer.TK_LE;
import static io.silverback.core.plugin.LuaLexer.TK_LOCAL;
import static io.silverback.core.plugin.LuaLexer.TK_NAME;
import static io.silverback.core.plugin.LuaLexer.TK_NE;
import static io.silverback.core.plugin.LuaLexer.TK_NIL;
import static io.silverback.core.plugin.LuaLexer.TK_NOT;
import static io.silverback.core.plugin.LuaLexer.TK_NUMBER;
import static io.silverback.core.plugin.LuaLexer.TK_OR;
import static io.silverback.core.plugin.LuaLexer.TK_REPEAT;
import static io.silverback.core.plugin.LuaLexer.TK_RETURN;
import static io.silverback.core.plugin.LuaLexer.TK_STRING;
import static io.silverback.core.plugin.LuaLexer.TK_THEN;
import static io.silverback.core.plugin.LuaLexer.TK_TRUE;
import static io.silverback.core.plugin.LuaLexer.TK_UNTIL;
import static io.silverback.core.plugin.LuaLexer.TK_WHILE;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A syntax check of Lua source that answers as LuaJIT's {@code load} would: empty when the chunk
 * compiles, else LuaJIT's message ({@code [string "TMP"]:1: ')' expected near 'user2'}).
 *
 * <p>Kong compiles Lua in two schema validators: {@code typedefs.lua_code} (sandboxed chunks of
 * the log plugins) and request-transformer's Penlight templates. Silverback runs no Lua, but a
 * configuration Kong refuses must be refused here too, with the same words, so this class ports
 * the grammar half of LuaJIT 2.1's {@code lj_parse.c} (Lua 5.1 plus {@code goto}, labels and empty
 * statements, as Kong builds LuaJIT with {@code LUAJIT_ENABLE_LUA52COMPAT}) and drops code
 * generation. It mirrors the parser's order of checks, so the first error found is LuaJIT's first
 * error: a {@code goto} into the scope of a local is reported at its label, {@code break} outside
 * a loop and undefined labels when the enclosing function ends, as LuaJIT's scope fix-up does. To
 * that end it tracks active locals by slot, as LuaJIT does, including the hidden control
 * variables of {@code for} loops. Not ported: the limits on locals (200), upvalues (60),
 * registers and constants, which only code far larger than a plugin setting reaches. The
 * differential test against LuaJIT built with Kong's flags is described in the test sources.
 */
final class LuaSyntax {
  private static final int MAX_LEVELS = 200;
  private static final int UNARY_PRIORITY = 8;
  private static final String BREAK = "break";

  private final LuaLexer ls;
  private FuncScope fs;
  private int level;

  private LuaSyntax(String source, String chunkName) {
    this.ls = new LuaLexer(source, chunkName);
  }

  /**
   * Checks a chunk.
   *
   * @param source the Lua source
   * @param chunkName the name {@code load} receives ({@code TMP}, or the source itself)
   * @return LuaJIT's compile error, or empty
   */
  static Optional<String> check(String source, String chunkName) {
    try {
      new LuaSyntax(source, chunkName).chunk();
      return Optional.empty();
    } catch (LuaSyntaxError e) {
      return Optional.of(e.getMessage());
    }
  }

  /** What an expression is, as far as assignments and statements care. */
  private enum Kind { VAR, CALL, OTHER }

  /** A function being parsed: whether it takes {@code ...}, its active locals and innermost block. */
  private static final class FuncScope {
    final FuncScope parent;
    final boolean vararg;
    final List<String> actives = new ArrayList<>();
    Block block;

    FuncScope(FuncScope parent, boolean vararg) {
      this.parent = parent;
      this.vararg = vararg;
    }
  }

  /** A {@code goto} (or {@code break}) not yet resolved, with the active locals it leaves. */
  private static final class Jump {
    final String name;
    final int line;
    int slot;

    Jump(String name, int line, int slot) {
      this.name = name;
      this.line = line;
      this.slot = slot;
    }
  }

  /** A block: the locals active when it opened, its labels and its unresolved jumps. */
  private static final class Block {
    final Block parent;
    final boolean loop;
    final int nactvar;
    final Set<String> labels = new HashSet<>();
    final List<Jump> pending = new ArrayList<>();

    Block(Block parent, boolean loop, int nactvar) {
      this.parent = parent;
      this.loop = loop;
      this.nactvar = nactvar;
    }
  }

  private void chunk() {
    fs = new FuncScope(null, true);
    fs.block = new Block(null, false, 0);
    ls.nextToken();
    statements();
    if (ls.tok != TK_EOF) {
      throw errToken(TK_EOF);
    }
    closeFunction();
  }

  // ---------------------------------------------------------------- errors and token helpers

  private LuaSyntaxError errToken(int expected) {
    return ls.error("'" + LuaLexer.tokenToString(expected) + "' expected");
  }

  private boolean opt(int token) {
    if (ls.tok == token) {
      ls.nextToken();
      return true;
    }
    return false;
  }

  private void check(int token) {
    if (ls.tok != token) {
      throw errToken(token);
    }
    ls.nextToken();
  }

  private void match(int what, int who, int line) {
    if (opt(what)) {
      return;
    }
    if (line == ls.line) {
      throw errToken(what);
    }
    throw ls.error("'" + LuaLexer.tokenToString(what) + "' expected (to close '" + LuaLexer.tokenToString(who)
        + "' at line " + line + ")");
  }

  private String name() {
    if (ls.tok != TK_NAME) {
      throw errToken(TK_NAME);
    }
    String name = ls.scannedText();
    ls.nextToken();
    return name;
  }

  private void levelUp() {
    if (++level >= MAX_LEVELS) {
      throw ls.errorNear(0, "chunk has too many syntax levels");
    }
  }

  // ---------------------------------------------------------------- scopes, labels and jumps

  private void openBlock(boolean loop) {
    fs.block = new Block(fs.block, loop, fs.actives.size());
  }

  private void activate(List<String> names) {
    fs.actives.addAll(names);
  }

  /**
   * Ends the block's locals and resolves its jumps: breaks when it is a loop, backward gotos to
   * its labels (forward ones were resolved at the label); the rest move outwards.
   */
  private void closeBlock() {
    Block b = fs.block;
    fs.block = b.parent;
    fs.actives.subList(b.nactvar, fs.actives.size()).clear();
    for (Jump j : b.pending) {
      boolean resolved = j.name.equals(BREAK) ? b.loop : b.labels.contains(j.name);
      if (resolved) {
        continue;
      }
      if (b.parent == null) {
        ls.line = j.line;
        throw ls.errorNear(0, j.name.equals(BREAK) ? "no loop to break" : "undefined label '" + j.name + "'");
      }
      j.slot = b.nactvar;
      b.parent.pending.add(j);
    }
  }

  /** LuaJIT's {@code gola_resolve}: earlier gotos to a new label may not enter a local's scope. */
  private void resolveForward(String label, int slot) {
    for (java.util.Iterator<Jump> it = fs.block.pending.iterator(); it.hasNext(); ) {
      Jump j = it.next();
      if (!j.name.equals(label)) {
        continue;
      }
      if (j.slot < slot) {
        ls.line = j.line;
        throw ls.errorNear(0, "<goto " + label + "> jumps into the scope of local '" + fs.actives.get(j.slot) + "'");
      }
      it.remove();
    }
  }

  private void closeFunction() {
    closeBlock();
    fs = fs.parent;
  }

  // ---------------------------------------------------------------- statements

  private static boolean isBlockEnd(int tok) {
    return tok == TK_ELSE || tok == TK_ELSEIF || tok == TK_END || tok == TK_UNTIL || tok == TK_EOF;
  }

  private void statements() {
    levelUp();
    boolean last = false;
    while (!last && !isBlockEnd(ls.tok)) {
      last = statement();
      opt(';');
    }
    level--;
  }

  private void block(boolean loop) {
    openBlock(loop);
    statements();
    closeBlock();
  }

  /** One statement; true when it must be the last of its block ({@code return}). */
  private boolean statement() {
    int line = ls.line;
    int t = ls.tok;
    if (t == TK_RETURN) {
      returnStatement();
      return true;
    }
    if (t == TK_IF) {
      ifStatement(line);
    } else if (t == TK_WHILE) {
      whileStatement(line);
    } else if (t == TK_DO) {
      ls.nextToken();
      block(false);
      match(TK_END, TK_DO, line);
    } else if (t == TK_FOR) {
      forStatement(line);
    } else if (t == TK_REPEAT) {
      repeatStatement(line);
    } else if (t == TK_FUNCTION) {
      functionStatement(line);
    } else if (t == TK_LOCAL) {
      ls.nextToken();
      localStatement();
    } else if (t == TK_BREAK || t == TK_GOTO) {
      jump(t);
    } else if (t == ';') {
      ls.nextToken();
    } else if (t == TK_LABEL) {
      label();
    } else {
      callOrAssignment();
    }
    return false;
  }

  /** {@code break} or {@code goto name}, resolved when their blocks close. */
  private void jump(int t) {
    ls.nextToken();
    String target = t == TK_BREAK ? BREAK : name();
    fs.block.pending.add(new Jump(target, ls.lastLine, fs.actives.size()));
  }

  private void whileStatement(int line) {
    ls.nextToken();
    expr();
    openBlock(true);
    check(TK_DO);
    block(false);
    match(TK_END, TK_WHILE, line);
    closeBlock();
  }

  private void ifStatement(int line) {
    thenBlock();
    while (ls.tok == TK_ELSEIF) {
      thenBlock();
    }
    if (ls.tok == TK_ELSE) {
      ls.nextToken();
      block(false);
    }
    match(TK_END, TK_IF, line);
  }

  private void thenBlock() {
    ls.nextToken();
    expr();
    check(TK_THEN);
    block(false);
  }

  private void forStatement(int line) {
    openBlock(true);
    ls.nextToken();
    List<String> visible = new ArrayList<>(List.of(name()));
    if (ls.tok == '=') {
      ls.nextToken();
      expr();
      check(',');
      expr();
      if (opt(',')) {
        expr();
      }
    } else if (ls.tok == ',' || ls.tok == TK_IN) {
      while (opt(',')) {
        visible.add(name());
      }
      check(TK_IN);
      exprList();
    } else {
      throw ls.error("'=' or 'in' expected");
    }
    activate(List.of("(for state)", "(for state)", "(for state)"));
    check(TK_DO);
    openBlock(false);
    activate(visible);
    block(false);
    closeBlock();
    match(TK_END, TK_FOR, line);
    closeBlock();
  }

  private void repeatStatement(int line) {
    openBlock(true);
    openBlock(false);
    ls.nextToken();
    statements();
    match(TK_UNTIL, TK_REPEAT, line);
    expr();
    closeBlock();
    closeBlock();
  }

  private void functionStatement(int line) {
    ls.nextToken();
    name();
    boolean method = false;
    while (ls.tok == '.' || ls.tok == ':') {
      method = ls.tok == ':';
      ls.nextToken();
      name();
      if (method) {
        break;
      }
    }
    body(line, method);
  }

  private void localStatement() {
    if (opt(TK_FUNCTION)) {
      activate(List.of(name()));
      body(ls.line, false);
      return;
    }
    List<String> names = new ArrayList<>();
    do {
      names.add(name());
    } while (opt(','));
    if (opt('=')) {
      exprList();
    }
    activate(names);
  }

  private void returnStatement() {
    ls.nextToken();
    if (!isBlockEnd(ls.tok) && ls.tok != ';') {
      exprList();
    }
  }

  private void label() {
    ls.nextToken();
    String name = name();
    if (fs.block.labels.contains(name)) {
      throw ls.errorNear(0, "duplicate label '" + name + "'");
    }
    fs.block.labels.add(name);
    int slot = fs.actives.size();
    check(TK_LABEL);
    for (;;) {
      if (ls.tok == TK_LABEL) {
        levelUp();
        label();
        level--;
      } else if (ls.tok == ';') {
        ls.nextToken();
      } else {
        break;
      }
    }
    if (isBlockEnd(ls.tok) && ls.tok != TK_UNTIL) {
      slot = fs.block.nactvar;
    }
    resolveForward(name, slot);
  }

  private void callOrAssignment() {
    Kind kind = primary();
    if (kind == Kind.CALL) {
      return;
    }
    assignment(kind);
  }

  private void assignment(Kind target) {
    if (target != Kind.VAR) {
      throw ls.error("syntax error");
    }
    if (opt(',')) {
      assignment(primary());
    } else {
      check('=');
      exprList();
    }
  }

  // ---------------------------------------------------------------- functions

  private void body(int line, boolean method) {
    List<String> params = new ArrayList<>();
    if (method) {
      params.add("self");
    }
    boolean vararg = parameters(params);
    fs = new FuncScope(fs, vararg);
    fs.block = new Block(null, false, 0);
    activate(params);
    statements();
    if (ls.tok != TK_END) {
      match(TK_END, TK_FUNCTION, line);
    }
    closeFunction();
    ls.nextToken();
  }

  /** The parameter list, added to {@code names}; true when it ends with {@code ...}. */
  private boolean parameters(List<String> names) {
    check('(');
    boolean vararg = false;
    if (ls.tok != ')') {
      do {
        if (ls.tok == TK_NAME) {
          names.add(name());
        } else if (ls.tok == TK_DOTS) {
          ls.nextToken();
          vararg = true;
          break;
        } else {
          throw ls.error("<name> or '...' expected");
        }
      } while (opt(','));
    }
    check(')');
    return vararg;
  }

  // ---------------------------------------------------------------- expressions

  private void exprList() {
    expr();
    while (opt(',')) {
      expr();
    }
  }

  private void expr() {
    binary(0);
  }

  /** Left and right priorities of a binary operator token, or null. */
  private static int[] priority(int tok) {
    if (tok == '+' || tok == '-') {
      return new int[] {6, 6};
    }
    if (tok == '*' || tok == '/' || tok == '%') {
      return new int[] {7, 7};
    }
    if (tok == '^') {
      return new int[] {10, 9};
    }
    if (tok == TK_CONCAT) {
      return new int[] {5, 4};
    }
    if (tok == TK_EQ || tok == TK_NE || tok == '<' || tok == TK_LE || tok == '>' || tok == TK_GE) {
      return new int[] {3, 3};
    }
    if (tok == TK_AND) {
      return new int[] {2, 2};
    }
    return tok == TK_OR ? new int[] {1, 1} : null;
  }

  /** Parses operands and operators binding tighter than {@code limit}; returns the next operator. */
  private int[] binary(int limit) {
    levelUp();
    unary();
    int[] op = priority(ls.tok);
    while (op != null && op[0] > limit) {
      ls.nextToken();
      op = binary(op[1]);
    }
    level--;
    return op;
  }

  private void unary() {
    if (ls.tok == TK_NOT || ls.tok == '-' || ls.tok == '#') {
      ls.nextToken();
      binary(UNARY_PRIORITY);
    } else {
      simple();
    }
  }

  private void simple() {
    int t = ls.tok;
    if (t == TK_NUMBER || t == TK_STRING || t == TK_NIL || t == TK_TRUE || t == TK_FALSE) {
      ls.nextToken();
    } else if (t == TK_DOTS) {
      if (!fs.vararg) {
        throw ls.error("cannot use '...' outside a vararg function");
      }
      ls.nextToken();
    } else if (t == '{') {
      table();
    } else if (t == TK_FUNCTION) {
      ls.nextToken();
      body(ls.line, false);
    } else {
      primary();
    }
  }

  private Kind primary() {
    Kind kind;
    if (ls.tok == '(') {
      int line = ls.line;
      ls.nextToken();
      expr();
      match(')', '(', line);
      kind = Kind.OTHER;
    } else if (ls.tok == TK_NAME) {
      ls.nextToken();
      kind = Kind.VAR;
    } else {
      throw ls.error("unexpected symbol");
    }
    for (;;) {
      if (ls.tok == '.') {
        ls.nextToken();
        name();
        kind = Kind.VAR;
      } else if (ls.tok == '[') {
        bracket();
        kind = Kind.VAR;
      } else if (ls.tok == ':') {
        ls.nextToken();
        name();
        arguments();
        kind = Kind.CALL;
      } else if (ls.tok == '(' || ls.tok == TK_STRING || ls.tok == '{') {
        arguments();
        kind = Kind.CALL;
      } else {
        return kind;
      }
    }
  }

  private void bracket() {
    ls.nextToken();
    expr();
    check(']');
  }

  private void arguments() {
    int line = ls.line;
    if (ls.tok == '(') {
      ls.nextToken();
      if (ls.tok != ')') {
        exprList();
      }
      match(')', '(', line);
    } else if (ls.tok == '{') {
      table();
    } else if (ls.tok == TK_STRING) {
      ls.nextToken();
    } else {
      throw ls.error("function arguments expected");
    }
  }

  private void table() {
    int line = ls.line;
    check('{');
    while (ls.tok != '}') {
      if (ls.tok == '[') {
        bracket();
        check('=');
        expr();
      } else if (ls.tok == TK_NAME && ls.lookahead() == '=') {
        name();
        check('=');
        expr();
      } else {
        expr();
      }
      if (!opt(',') && !opt(';')) {
        break;
      }
    }
    match('}', '{', line);
  }
}
