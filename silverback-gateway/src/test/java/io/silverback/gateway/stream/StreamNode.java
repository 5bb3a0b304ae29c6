package io.silverback.gateway.stream;

import io.silverback.core.conf.NodeConf;
import io.silverback.gateway.node.Node;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A DB-less node serving a declarative configuration (YAML) on loopback stream listeners. */
public final class StreamNode implements AutoCloseable {
  private final Node node;

  private StreamNode(Node node) {
    this.node = node;
  }

  /**
   * A node in {@code dir} with {@code streamListen}, no HTTP proxy, and {@code settings} on top.
   */
  public static StreamNode start(Path dir, String streamListen, String declarative, Map<String, String> settings) {
    Map<String, String> flags = new HashMap<>(Map.of("prefix", dir.resolve("prefix").toString(),
        "database", "off", "declarative_config_string", declarative, "admin_listen", "127.0.0.1:0",
        "proxy_listen", "off", "stream_listen", streamListen));
    flags.putAll(settings);
    return new StreamNode(Node.start(NodeConf.load(Optional.empty(), Map.of(), flags)));
  }

  public Node node() {
    return node;
  }

  /** The bound port of the {@code i}-th {@code stream_listen} entry. */
  public int streamPort(int i) {
    return node.streamPorts().get(i);
  }

  /** Replaces the configuration through {@code POST /config} and waits for the new snapshot. */
  public void postConfig(String declarative) throws IOException, InterruptedException {
    long before = node.snapshotGeneration();
    HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.adminPorts().get(0) + "/config"))
        .header("Content-Type", "application/x-yaml").timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(declarative)).build();
    HttpResponse<String> answer = HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 201) {
      throw new IllegalStateException("POST /config answered " + answer.statusCode() + ": " + answer.body());
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (node.snapshotGeneration() == before && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    node.stop();
  }
}
