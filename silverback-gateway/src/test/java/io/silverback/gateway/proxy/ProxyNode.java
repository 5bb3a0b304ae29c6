package io.silverback.gateway.proxy;

import io.silverback.core.conf.NodeConf;
import io.silverback.gateway.node.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A DB-less node on loopback ports serving a declarative configuration, and a client for its proxy. */
final class ProxyNode implements AutoCloseable {
  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final Node node;

  private ProxyNode(Node node) {
    this.node = node;
  }

  /** A node in {@code dir} serving {@code declarative} (YAML). */
  static ProxyNode start(Path dir, String declarative) {
    return start(dir, declarative, Map.of());
  }

  /** A node in {@code dir} serving {@code declarative} (YAML), with {@code settings} on top of the test ones. */
  static ProxyNode start(Path dir, String declarative, Map<String, String> settings) {
    try {
      Path file = dir.resolve("kong.yml");
      Files.writeString(file, declarative);
      Map<String, String> flags = new HashMap<>(Map.of(
          "prefix", dir.resolve("prefix").toString(), "database", "off", "declarative_config", file.toString(),
          "admin_listen", "127.0.0.1:0", "proxy_listen", "127.0.0.1:0"));
      flags.putAll(settings);
      return new ProxyNode(Node.start(NodeConf.load(Optional.empty(), Map.of(), flags)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Node node() {
    return node;
  }

  int proxyPort() {
    return node.proxyPorts().get(0);
  }

  int adminPort() {
    return node.adminPorts().get(0);
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + proxyPort() + pathAndQuery);
  }

  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20));
  }

  HttpResponse<String> get(String pathAndQuery) {
    return send(request(pathAndQuery).build());
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    node.stop();
  }
}
