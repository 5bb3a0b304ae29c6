package io.silverback.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The CLI's one error boundary: an exception that escapes a command is printed as {@code Error:
 * <message>} with Kong's hint line, never as a stack trace, and the command exits 1.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    err.println("Error: " + describe(ex));
    err.println();
    err.println("  Run with --v (verbose) or --vv (debug) for more details");
    err.flush();
    return ExitCodes.FAILURE;
  }

  private static String describe(Throwable ex) {
    String msg = ex.getMessage();
    return msg == null || msg.isBlank() ? ex.getClass().getSimpleName() : msg;
  }
}
