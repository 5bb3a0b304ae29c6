package io.silverback.cli;

/** The exit codes of every {@code silverback} command, as documented in the README. */
public final class ExitCodes {
  /** The command did what it was asked. */
  public static final int OK = 0;
  /** The command failed: invalid input, an unreadable file, an internal error. */
  public static final int FAILURE = 1;
  /** The command line itself was wrong (unknown option, missing argument). */
  public static final int USAGE = 2;
  /** {@code migrations list}: the database needs bootstrapping (as Kong). */
  public static final int NEEDS_BOOTSTRAP = 3;
  /** {@code migrations list}: migrations are pending a {@code finish} (as Kong; never with Silverback's one-phase migrations). */
  public static final int PENDING_FINISH = 4;
  /** {@code migrations list}: new migrations are available; run {@code migrations up} (as Kong). */
  public static final int NEW_MIGRATIONS = 5;

  /** {@code backup verify}: the bundle failed a check (a checksum, its manifest, its secret, or with {@code --deep} the restore). */
  public static final int VERIFICATION_FAILED = 6;
  /**
   * {@code migrations up} and {@code finish}: refused by the migration guard, no verified backup
   * of the current data (a Silverback addition; Kong migrates without checking).
   */
  public static final int BACKUP_REQUIRED = 7;

  private ExitCodes() {}
}
