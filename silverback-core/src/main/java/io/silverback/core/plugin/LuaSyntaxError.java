package io.silverback.core.plugin;

/** A Lua chunk that LuaJIT would not compile; the message is LuaJIT's. */
final class LuaSyntaxError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LuaSyntaxError(String message) {
    super(message, null, false, false);
  }
}
