package io.silverback.cli;

import java.util.List;
import picocli.CommandLine.ParseResult;

/**
 * Kong's global {@code --v} (verbose) and {@code --vv} (debug), accepted by every command: how much
 * an error and the logs say. Without either, an error is one sentence followed by Kong's hint to run
 * again with them; {@code --v} adds each cause's message and logs at info, {@code --vv} prints the
 * whole stack trace and logs at debug.
 */
enum Verbosity {
  NORMAL(null),
  VERBOSE("info"),
  DEBUG("debug");

  static final String VERBOSE_OPTION = "--v";
  static final String DEBUG_OPTION = "--vv";
  /** The simple logger's level property: the launcher's file sets {@code warn}. */
  static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
  /** Kong's hint line under an error. */
  static final String HINT = "  Run with --v (verbose) or --vv (debug) for more details";

  private final String logLevel;

  Verbosity(String logLevel) {
    this.logLevel = logLevel;
  }

  /** What a parsed command line asked for, the options given anywhere along its commands. */
  static Verbosity of(ParseResult parsed) {
    Verbosity v = NORMAL;
    for (ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.hasMatchedOption(DEBUG_OPTION)) {
        return DEBUG;
      }
      if (p.hasMatchedOption(VERBOSE_OPTION)) {
        v = VERBOSE;
      }
    }
    return v;
  }

  /**
   * What a raw command line asks for, read before picocli parses it: the log level must be set
   * before the first logger exists. picocli still parses the line (and rejects a misplaced one).
   */
  static Verbosity ofArgs(List<String> args) {
    return args.contains(DEBUG_OPTION) ? DEBUG : args.contains(VERBOSE_OPTION) ? VERBOSE : NORMAL;
  }

  /** Sets the log level this asks for, unless the JVM was given one ({@code -D}). */
  void applyLogLevel() {
    if (logLevel != null && System.getProperty(LOG_LEVEL_PROPERTY) == null) {
      System.setProperty(LOG_LEVEL_PROPERTY, logLevel);
    }
  }
}
