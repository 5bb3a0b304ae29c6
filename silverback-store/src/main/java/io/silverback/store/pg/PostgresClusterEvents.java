package io.silverback.store.pg;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.schema.Json;
import io.silverback.store.ClusterEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Cluster events over PostgreSQL's {@code NOTIFY}, on a channel of the store's own next to its
 * change feed's, heard by the feed's listening connection.
 *
 * <p>Design. Kong writes each event to a {@code cluster_events} table and every node polls it
 * ({@code kong/cluster_events/strategies/postgres.lua}). Silverback already holds a listening
 * connection per node, so an event is one notification, {@code {"node_id", "channel", "data"}},
 * delivered at once instead of at the next poll, and nothing is left in the database to expire,
 * to migrate, or to keep out of backups. What it gives up is Kong's catch-up: a node whose
 * listening connection is down when an event is sent never hears it. For a health set that is
 * the state the node would have after a restart anyway (Kong keeps health in memory too).
 */
final class PostgresClusterEvents implements ClusterEvents {
  /** PostgreSQL refuses notification payloads of 8000 bytes or more. */
  static final int MAX_PAYLOAD_BYTES = 7999;

  private final Supplier<Connection> connections;
  private final ChangeFeed feed;
  private final String nodeId;
  private final SqlErrors errors;

  PostgresClusterEvents(Supplier<Connection> connections, ChangeFeed feed, String nodeId, SqlErrors errors) {
    this.connections = connections;
    this.feed = feed;
    this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
    this.errors = errors;
  }

  @Override
  public void broadcast(String channel, String data) {
    String payload = Json.object().put("node_id", nodeId).put("channel", channel).put("data", data).toString();
    int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("cluster event on channel '" + channel + "' is " + bytes
          + " bytes; PostgreSQL carries at most " + MAX_PAYLOAD_BYTES);
    }
    try (Connection c = connections.get(); PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      ps.setString(1, feed.eventsChannel());
      ps.setString(2, payload);
      ps.execute();
    } catch (SQLException e) {
      throw errors.translate(e, null, "broadcasting a cluster event on channel '" + channel + "'");
    }
  }

  @Override
  public AutoCloseable subscribe(String channel, Consumer<String> handler) {
    Objects.requireNonNull(handler, "handler");
    return feed.subscribeEvents(payload -> {
      JsonNode event = parse(payload);
      if (channel.equals(event.path("channel").textValue()) && !nodeId.equals(event.path("node_id").textValue())
          && event.path("data").isTextual()) {
        handler.accept(event.get("data").textValue());
      }
    });
  }

  /** The notification as JSON; a payload that is not (sent by something else) matches no channel. */
  private static JsonNode parse(String payload) {
    try {
      return Json.MAPPER.readTree(payload);
    } catch (IOException e) {
      return Json.object();
    }
  }
}
