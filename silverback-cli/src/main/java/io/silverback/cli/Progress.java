package io.silverback.cli;

import java.io.PrintWriter;

/**
 * Progress lines for long operations, on standard error and only when a person is watching: not
 * with {@code --quiet}, and not when output goes to a pipe or a file.
 */
final class Progress {
  private final PrintWriter err;
  private final boolean enabled;
  private long started = System.nanoTime();

  Progress(PrintWriter err, boolean quiet) {
    this.err = err;
    this.enabled = !quiet && System.console() != null;
  }

  /** Announces a step. */
  void step(String what) {
    if (enabled) {
      err.printf("%s (%.1f s)%n", what, (System.nanoTime() - started) / 1e9);
      err.flush();
    }
  }

  void restart() {
    started = System.nanoTime();
  }
}
