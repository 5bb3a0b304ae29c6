package io.silverback.cli;

/** The exit codes of every {@code silverback} command, as documented in the README. */
public final class ExitCodes {
  /** The command did what it was asked. */
  public static final int OK = 0;
  /** The command failed: invalid input, an unreadable file, an internal error. */
  public static final int FAILURE = 1;
  /** The command line itself was wrong (unknown option, missing argument). */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
