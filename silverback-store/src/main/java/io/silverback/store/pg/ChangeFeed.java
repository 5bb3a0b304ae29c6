package io.silverback.store.pg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import io.silverback.store.StoreEvent;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The store's change feed over PostgreSQL's {@code LISTEN/NOTIFY}. Writers call
 * {@link #notify(Connection, StoreEvent)} inside their transaction, so an event is delivered
 * exactly when (and only if) the write commits, to every node listening on the database, this one
 * included. One thread per store listens on a dedicated connection and calls the subscribers.
 *
 * <p>Whenever the listening connection is (re-)established, events may have been missed (a write
 * that committed before the first {@code LISTEN}, or while the connection was down), so
 * subscribers get a {@link StoreEvent#reload()} and re-read everything.
 *
 * <p>The same connection listens on a second channel for cluster events ({@link
 * PostgresClusterEvents}), whose payloads go to their own subscribers as they came; nothing
 * replays those after a reconnect.
 */
final class ChangeFeed implements AutoCloseable {
  private static final int POLL_MILLIS = 250;
  private static final long RETRY_MILLIS = 1000;
  private static final System.Logger LOG = System.getLogger(ChangeFeed.class.getName());

  private final Supplier<Connection> connections;
  private final String channel;
  private final String eventsChannel;
  private final List<Consumer<StoreEvent>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<String>> eventListeners = new CopyOnWriteArrayList<>();
  private volatile boolean closed;
  /** Whether the listening connection is up (for tests and health checks). */
  volatile boolean listening;
  private Thread thread;

  ChangeFeed(Supplier<Connection> connections, String channel, String eventsChannel) {
    this.connections = connections;
    this.channel = channel;
    this.eventsChannel = eventsChannel;
  }

  /** Sends {@code event} from inside the writer's transaction. */
  void notify(Connection c, StoreEvent event) throws SQLException {
    notify(c, channel, event);
  }

  /** Sends {@code event} on {@code channel} from inside the writer's transaction. */
  static void notify(Connection c, String channel, StoreEvent event) throws SQLException {
    ObjectNode payload = Json.MAPPER.createObjectNode().put("op", event.operation().name());
    if (event.type() != null) {
      payload.put("type", event.type()).put("id", event.id());
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      ps.setString(1, channel);
      ps.setString(2, payload.toString());
      ps.execute();
    }
  }

  synchronized AutoCloseable subscribe(Consumer<StoreEvent> listener) {
    listeners.add(listener);
    listen();
    return () -> listeners.remove(listener);
  }

  /** Calls {@code listener} with the payload of every notification on the cluster events' channel. */
  synchronized AutoCloseable subscribeEvents(Consumer<String> listener) {
    eventListeners.add(listener);
    listen();
    return () -> eventListeners.remove(listener);
  }

  /** The channel cluster events are sent on. */
  String eventsChannel() {
    return eventsChannel;
  }

  private void listen() {
    if (thread == null && !closed) {
      thread = new Thread(this::run, "silverback-change-feed");
      thread.setDaemon(true);
      thread.start();
    }
  }

  private void run() {
    while (!closed) {
      try (Connection c = connections.get()) {
        try (Statement st = c.createStatement()) {
          st.execute("LISTEN " + Table.quote(channel));
          st.execute("LISTEN " + Table.quote(eventsChannel));
        }
        listening = true;
        dispatch(listeners, StoreEvent.reload());
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
          PGNotification[] batch = pg.getNotifications(POLL_MILLIS);
          if (batch != null) {
            for (PGNotification n : batch) {
              if (eventsChannel.equals(n.getName())) {
                dispatch(eventListeners, n.getParameter());
              } else {
                dispatch(listeners, parse(n.getParameter()));
              }
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (listening) {
          LOG.log(System.Logger.Level.WARNING, "change feed lost its connection; reconnecting: " + e.getMessage());
        }
        listening = false;
        pause();
      }
    }
    listening = false;
  }

  private static <T> void dispatch(List<Consumer<T>> subscribers, T event) {
    for (Consumer<T> l : subscribers) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "a change-feed subscriber failed on " + event, e);
      }
    }
  }

  private static StoreEvent parse(String payload) {
    try {
      JsonNode n = Json.MAPPER.readTree(payload);
      StoreEvent.Operation op = StoreEvent.Operation.valueOf(n.path("op").asText());
      return new StoreEvent(op, n.path("type").textValue(), n.path("id").textValue());
    } catch (IOException | IllegalArgumentException e) {
      return StoreEvent.reload();
    }
  }

  private void pause() {
    try {
      Thread.sleep(RETRY_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  @Override
  public void close() {
    closed = true;
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join(POLL_MILLIS * 4L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
