package io.silverback.store;

import java.util.function.Consumer;

/**
 * Kong's cluster events ({@code kong/cluster_events}): short messages one node broadcasts to every
 * other node on the same database, such as a target's health set through the Admin API ({@code
 * balancer:post_health}). Unlike Kong's, they are never stored: a node hears the events broadcast
 * while it listens, and a node that starts later (or whose listening connection was down) does
 * not replay older ones. DB-less nodes have none. Thread-safe.
 */
public interface ClusterEvents {
  /**
   * Sends {@code data} on {@code channel} to every other node listening on the database.
   *
   * @throws IllegalArgumentException when the event is too large for one notification
   * @throws DatabaseUnavailableException when the database cannot be reached
   * @throws StoreException when the database refuses the notification
   */
  void broadcast(String channel, String data);

  /**
   * Calls {@code handler} with the data of every event another node broadcasts on {@code channel}
   * from now on, on a thread of the store's. Close the subscription to stop.
   */
  AutoCloseable subscribe(String channel, Consumer<String> handler);
}
