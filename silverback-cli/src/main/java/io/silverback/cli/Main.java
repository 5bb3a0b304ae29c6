package io.silverback.cli;

import picocli.CommandLine;

/** The entry point of the runnable jar and of {@code bin/silverback}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (Boolean.getBoolean(ClassDataTraining.PROPERTY)) {
      ClassDataTraining.load();
    }
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (for tests and the launcher). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command tree. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new SilverbackCommand());
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }
}
