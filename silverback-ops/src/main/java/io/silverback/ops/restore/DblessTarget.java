package io.silverback.ops.restore;

import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeWriter;
import io.silverback.ops.config.DbExport;
import io.silverback.ops.files.AtomicFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Where a DB-less restore goes: the node's {@code declarative_config} file, or its {@code POST /config}. */
final class DblessTarget {
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  private DblessTarget() {}

  /** Writes {@code config} in the syntax {@code file}'s name asks for, atomically, mode 0600. */
  static void write(Config config, Path file) {
    AtomicFile.write(file, true, out -> DeclarativeWriter.write(config, DbExport.syntaxOf(file), out));
  }

  /**
   * Posts the declarative file as it is to {@code adminUrl/config}.
   *
   * @throws RestoreException with the node's answer when it does not answer 201, or it cannot be reached
   */
  static void post(Path file, String adminUrl, String token) {
    String url = adminUrl.replaceAll("/+$", "") + "/config";
    boolean json = file.getFileName().toString().endsWith(".json");
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
          .header("Content-Type", json ? "application/json" : "application/x-yaml")
          .POST(HttpRequest.BodyPublishers.ofFile(file));
      if (token != null) {
        request.header("Kong-Admin-Token", token);
      }
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 201) {
        String body = response.body();
        throw new RestoreException("POST " + url + " answered " + response.statusCode() + " (the node kept its"
            + " configuration): " + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body));
      }
    } catch (IOException e) {
      throw new RestoreException("cannot POST to " + url + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RestoreException("interrupted while posting to " + url, e);
    }
  }
}
