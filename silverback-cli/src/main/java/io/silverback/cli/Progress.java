package io.silverback.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;

/**
 * Progress lines for long operations, on standard error and only when a person is watching: not
 * with {@code --quiet}, and not when output goes to a pipe or a file. With {@code
 * -Dsilverback.timing=true} every step is printed, quiet or not, with the milliseconds since the
 * JVM started: where a short command spends its wall time, start-up included.
 */
final class Progress {
  /** The system property that prints every step with its time since the JVM started. */
  static final String TIMING = "silverback.timing";
  private final PrintWriter err;
  private final boolean enabled;
  private final boolean timing = Boolean.getBoolean(TIMING);
  private long started = System.nanoTime();

  Progress(PrintWriter err, boolean quiet) {
    this.err = err;
    this.enabled = !quiet && System.console() != null;
  }

  /** Announces a step. */
  void step(String what) {
    if (timing) {
      err.printf("[%d ms] %s%n", ManagementFactory.getRuntimeMXBean().getUptime(), what);
      err.flush();
    } else if (enabled) {
      err.printf("%s (%.1f s)%n", what, (System.nanoTime() - started) / 1e9);
      err.flush();
    }
  }

  void restart() {
    started = System.nanoTime();
  }
}
