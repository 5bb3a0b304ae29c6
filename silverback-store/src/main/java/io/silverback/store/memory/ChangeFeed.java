package io.silverback.store.memory;

import io.silverback.store.StoreEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The memory store's listeners, called in subscription order on one daemon thread of the store's,
 * so that a slow listener delays other listeners but never the writer that published the event.
 * A failing listener is logged and the others still hear the event.
 */
final class ChangeFeed implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ChangeFeed.class.getName());

  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "silverback-memory-store-events");
    t.setDaemon(true);
    return t;
  });

  /** Identity, not the listener's equality, decides which subscription a close removes. */
  private static final class Subscription {
    private final Consumer<StoreEvent> listener;

    private Subscription(Consumer<StoreEvent> listener) {
      this.listener = listener;
    }
  }

  AutoCloseable subscribe(Consumer<StoreEvent> listener) {
    Subscription s = new Subscription(listener);
    subscriptions.add(s);
    return () -> subscriptions.remove(s);
  }

  /** Queues {@code event} for every current listener; after {@link #close()} nobody hears it. */
  void publish(StoreEvent event) {
    try {
      thread.execute(() -> deliver(event));
    } catch (RejectedExecutionException closed) {
      LOG.log(System.Logger.Level.DEBUG, "memory store closed; event {0} not delivered", event);
    }
  }

  private void deliver(StoreEvent event) {
    for (Subscription s : subscriptions) {
      try {
        s.listener.accept(event);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "store listener " + s.listener + " failed on " + event, e);
      }
    }
  }

  /** Lets queued events reach their listeners, then stops the thread. */
  @Override
  public void close() {
    thread.shutdown();
  }
}
