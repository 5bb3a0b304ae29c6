package io.silverback.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;

/** The entry point of the runnable jar and of {@code bin/silverback}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (Boolean.getBoolean(ClassDataTraining.PROPERTY)) {
      String directives = System.getProperty(ClassDataTraining.DIRECTIVES);
      ClassDataTraining.load(directives == null ? null : Path.of(directives));
    } else {
      Verbosity.ofArgs(List.of(args)).applyLogLevel();
      WarmUp.start();
    }
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (for tests and the launcher). */
  public static int run(String... args) {
    return commandLine(args).execute(args);
  }

  /** The configured command tree, every command in it. */
  public static CommandLine commandLine() {
    return configured(CommandTree.whole());
  }

  /** The configured command tree for {@code args}: the branch they name ({@link CommandTree#forLine}). */
  public static CommandLine commandLine(String... args) {
    return configured(CommandTree.forLine(List.of(args)));
  }

  private static CommandLine configured(CommandLine cl) {
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }
}
