package io.silverback.ops.dump;

import io.silverback.store.pg.PgSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs PostgreSQL's client programs against the configured server: connection arguments without
 * the password (it goes in {@code PGPASSWORD}), SSL through {@code PGSSLMODE}, and the program's
 * error output turned into the exception message.
 */
final class PgClient {
  private PgClient() {}

  /** {@code --host}, {@code --port}, {@code --username}, {@code --dbname}. */
  static List<String> connectionArguments(PgSettings s) {
    return List.of("--host=" + s.host(), "--port=" + s.port(), "--username=" + s.user(), "--dbname=" + s.database());
  }

  /** Starts {@code command} with the connection environment of {@code s}; standard error is kept apart. */
  static Process start(List<String> command, PgSettings s) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.remove("PGPASSWORD");
    if (!s.password().isEmpty()) {
      env.put("PGPASSWORD", s.password());
    }
    env.put("PGSSLMODE", !s.ssl() ? "disable" : s.sslVerify() ? "verify-full" : "require");
    env.put("PGAPPNAME", PgSettings.APPLICATION_NAME);
    if (s.timeoutMillis() > 0) {
      env.put("PGCONNECT_TIMEOUT", String.valueOf(Math.max(1, (s.timeoutMillis() + 999) / 1000)));
    }
    return pb.start();
  }

  /**
   * Runs {@code command} to the end; its output lines go to {@code notices}.
   *
   * @throws DumpException naming {@code what} with the program's error output when it fails
   */
  static void run(List<String> command, PgSettings s, String what, Consumer<String> notices) {
    try {
      Process p = start(command, s);
      p.getOutputStream().close();
      String err = drain(p.getErrorStream());
      String out = drain(p.getInputStream());
      int code = p.waitFor();
      if (code != 0) {
        throw new DumpException(what + " failed (exit " + code + "): " + err.strip());
      }
      (out + err).lines().filter(l -> !l.isBlank()).forEach(notices);
    } catch (IOException e) {
      throw new DumpException(what + " could not run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DumpException(what + " was interrupted", e);
    }
  }

  static String drain(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
