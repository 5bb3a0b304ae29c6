package io.silverback.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import picocli.CommandLine;

/**
 * The CLI's one error boundary: an exception that escapes a command is printed as {@code Error:
 * <message>} and the command exits 1. As in Kong, that is all, with a hint line, unless the line
 * asked for more ({@link Verbosity}): {@code --v} adds the message of each cause, {@code --vv} the
 * whole stack trace.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    err.println("Error: " + describe(ex));
    switch (Verbosity.of(parsed)) {
      case NORMAL -> {
        err.println();
        err.println(Verbosity.HINT);
      }
      case VERBOSE -> causes(ex, err);
      case DEBUG -> {
        err.println();
        ex.printStackTrace(err);
      }
    }
    err.flush();
    return ExitCodes.FAILURE;
  }

  private static void causes(Throwable ex, PrintWriter err) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(ex);
    for (Throwable c = ex.getCause(); c != null && seen.add(c); c = c.getCause()) {
      err.println("  caused by " + c.getClass().getName() + ": " + describe(c));
    }
  }

  private static String describe(Throwable ex) {
    String msg = ex.getMessage();
    return msg == null || msg.isBlank() ? ex.getClass().getSimpleName() : msg;
  }
}
