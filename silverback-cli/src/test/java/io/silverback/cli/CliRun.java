package io.silverback.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One in-process run of the command line, with what it printed. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String... args) {
    return run(Main.commandLine(), args);
  }

  /** As {@link #of}, with the tree the launcher builds for {@code args} ({@link Main#run}). */
  static CliRun ofLine(String... args) {
    return run(Main.commandLine(args), args);
  }

  private static CliRun run(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
