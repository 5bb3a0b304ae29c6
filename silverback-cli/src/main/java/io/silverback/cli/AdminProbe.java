package io.silverback.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.conf.Listener;
import io.silverback.core.schema.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks a node's listeners whether they answer: {@code GET /status} on an Admin API listener (with
 * the {@code Kong-Admin-Token} header when {@code admin_token} is set; over TLS on an {@code ssl}
 * listener), a TCP connect on a proxy listener (a proxied request could reach an upstream).
 *
 * <p>Over TLS the listener's certificate is not verified: the probe asks the node of this prefix,
 * on this machine, whether it is alive, and that node's default certificate is self-signed.
 */
final class AdminProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  /** A JVM's first TLS handshake alone can take a second or two on a busy machine. */
  private static final Duration TLS_TIMEOUT = Duration.ofSeconds(6);
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private static final HttpClient TLS_CLIENT = HttpClient.newBuilder().connectTimeout(TLS_TIMEOUT)
      .sslContext(AnyCertificate.context()).build();

  private AdminProbe() {}

  /** The body of a 200 answer to {@code GET /status}; empty when the listener does not answer so. */
  static Optional<JsonNode> status(Listener admin, Optional<String> token) {
    String host = admin.connectHost();
    String scheme = admin.ssl() ? "https://" : "http://";
    URI uri = URI.create(scheme + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + admin.port() + "/status");
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(admin.ssl() ? TLS_TIMEOUT : TIMEOUT);
    token.ifPresent(t -> req.header("Kong-Admin-Token", t));
    try {
      HttpClient client = admin.ssl() ? TLS_CLIENT : CLIENT;
      HttpResponse<String> res = client.send(req.build(), HttpResponse.BodyHandlers.ofString());
      return res.statusCode() == 200 ? Optional.of(Json.MAPPER.readTree(res.body())) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Whether something accepts TCP connections on {@code listener}. */
  static boolean accepts(Listener listener) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(listener.connectHost(), listener.port()), (int) TIMEOUT.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
