package io.silverback.gateway.stream;

import io.silverback.core.config.Config;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@link StreamSnapshot} new connections are served from. Register it as a {@code
 * ConfigWatcher} swap listener: every new {@link Config} is compiled on the watcher's thread and
 * swapped in with one volatile write; established connections keep the snapshot they started with.
 * When compiling fails the previous snapshot stays. Every snapshot that has stream routes this proxy
 * does not serve ({@code udp}, {@code tls_passthrough}, no tcp or tls service) logs a warning naming
 * them. Thread-safe.
 */
public final class StreamSnapshots implements Consumer<Config> {
  private static final System.Logger LOG = System.getLogger(StreamSnapshots.class.getName());

  private volatile StreamSnapshot current;

  /** Snapshots of {@code initial} and its successors. */
  public StreamSnapshots(Config initial) {
    accept(initial);
  }

  StreamSnapshot current() {
    return current;
  }

  /**
   * Compiles {@code config} and swaps it in.
   *
   * @throws io.silverback.core.router.RouterException when a stream route does not compile; the
   *     current snapshot stays
   */
  @Override
  public void accept(Config config) {
    StreamSnapshot next = StreamSnapshot.build(config);
    List<String> unserved = next.router().unserved();
    if (!unserved.isEmpty()) {
      LOG.log(System.Logger.Level.WARNING, "stream routes not served (udp and tls_passthrough are not supported,"
          + " and a stream needs a tcp or tls service): " + String.join(", ", unserved));
    }
    current = next;
  }

  /** The number of stream routes served by the current snapshot. */
  public int routes() {
    return current.router().size();
  }
}
