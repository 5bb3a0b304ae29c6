package io.silverback.gateway.snapshot;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import io.silverback.core.config.Config;
import io.silverback.store.Store;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The {@link Config} snapshot the proxy reads, kept up to date with the store's change feed.
 *
 * <p>Design. Kong's workers rebuild their router when a version marker changes, checked on a
 * timer ({@code worker_state_update_frequency}, {@code kong/runloop/handler.lua}); we rebuild on
 * the store's events instead, so a change is served as soon as it is committed. Rebuilding once
 * per event would be a storm: an import of 10k entities through the Admin API is 10k events,
 * each asking for a full {@link Store#export()}. So events are coalesced with two flags:
 * {@code dirty} (something changed since the last export began) and {@code scheduled} (a rebuild
 * is queued or running). An event sets {@code dirty} and queues a rebuild only if none is queued
 * or running; a rebuild clears {@code dirty} <em>before</em> it exports, so a change committed
 * during the export is picked up by exactly one more rebuild after it. Rebuilds are also spaced
 * at least {@code spacing} apart (100 ms by default), so a burst of any length costs one rebuild
 * per interval plus one, never one per event, and the latest change is still seen within about
 * {@code spacing} plus one export. A failed export keeps the current snapshot and is retried.
 *
 * <p>Rebuilds run on the given executor, never on the thread that delivered the event; the new
 * snapshot replaces the old in one atomic step, and readers that already hold the old one finish
 * with it. Thread-safe.
 */
public final class ConfigWatcher implements AutoCloseable {
  /** The default least time between the starts of two rebuilds. */
  public static final Duration DEFAULT_SPACING = Duration.ofMillis(100);
  private static final long RETRY_NANOS = Duration.ofSeconds(1).toNanos();
  private static final System.Logger LOG = System.getLogger(ConfigWatcher.class.getName());

  private final Store store;
  private final Executor rebuilds;
  private final long spacingNanos;
  private final AtomicReference<Config> current;
  private final AtomicLong generation = new AtomicLong();
  private final AtomicBoolean dirty = new AtomicBoolean();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final List<Consumer<Config>> listeners = new CopyOnWriteArrayList<>();
  private volatile long lastStart;
  private volatile AutoCloseable subscription;
  private volatile boolean closed;

  /** A watcher of {@code store} rebuilding on {@code rebuilds}, spaced {@link #DEFAULT_SPACING} apart. */
  public ConfigWatcher(Store store, Executor rebuilds) {
    this(store, rebuilds, DEFAULT_SPACING);
  }

  /**
   * A watcher of {@code store} rebuilding on {@code rebuilds}, at most once per {@code spacing}.
   *
   * @throws IllegalArgumentException when {@code spacing} is negative
   */
  public ConfigWatcher(Store store, Executor rebuilds, Duration spacing) {
    if (spacing.isNegative()) {
      throw new IllegalArgumentException("spacing must not be negative: " + spacing);
    }
    this.store = Objects.requireNonNull(store, "store");
    this.rebuilds = Objects.requireNonNull(rebuilds, "rebuilds");
    this.spacingNanos = spacing.toNanos();
    this.current = new AtomicReference<>(Config.empty(store.registry()));
    this.lastStart = System.nanoTime() - spacingNanos;
  }

  /** The snapshot to serve from: empty before {@link #start()}, then the latest export. */
  public Config current() {
    return current.get();
  }

  /** How many snapshots have been swapped in: 0 before {@link #start()}, 1 after it, then one per rebuild. */
  public long generation() {
    return generation.get();
  }

  /** Calls {@code listener} with every new snapshot, on the rebuilding thread, after the swap. */
  public void onSwap(Consumer<Config> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Subscribes to the store's changes, then exports the first snapshot on the calling thread.
   * Subscribing first means no change can fall between the export and the subscription.
   *
   * @throws IllegalStateException when already started or closed
   * @throws RuntimeException whatever the store's export throws; the watcher is then closed
   */
  public void start() {
    if (subscription != null || closed) {
      throw new IllegalStateException("this ConfigWatcher was already " + (closed ? "closed" : "started"));
    }
    scheduled.set(true);
    subscription = store.subscribe(event -> changed());
    try {
      rebuild();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    finish();
  }

  /** Stops listening; a rebuild already running completes, queued ones are dropped. */
  @Override
  public void close() {
    closed = true;
    AutoCloseable s = subscription;
    if (s != null) {
      try {
        s.close();
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "closing the store subscription failed", e);
      }
    }
  }

  private void changed() {
    dirty.set(true);
    if (!closed && scheduled.compareAndSet(false, true)) {
      schedule(untilSpaced());
    }
  }

  /** One queued rebuild; the flag {@code scheduled} stays set until {@link #finish()}. */
  private void drain() {
    if (closed) {
      scheduled.set(false);
      return;
    }
    try {
      rebuild();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "rebuilding the config snapshot failed; still serving generation "
          + generation.get() + ", retrying in " + NANOSECONDS.toMillis(Math.max(RETRY_NANOS, spacingNanos)) + " ms", e);
      dirty.set(true);
      schedule(Math.max(RETRY_NANOS, spacingNanos));
      return;
    }
    finish();
  }

  private void rebuild() {
    lastStart = System.nanoTime();
    dirty.set(false);
    Config next = store.export();
    current.set(next);
    generation.incrementAndGet();
    for (Consumer<Config> l : listeners) {
      try {
        l.accept(next);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "snapshot listener " + l + " failed on generation " + generation.get(), e);
      }
    }
  }

  /** Ends a rebuild; changes that came in meanwhile queue one more. */
  private void finish() {
    scheduled.set(false);
    if (dirty.get() && !closed && scheduled.compareAndSet(false, true)) {
      schedule(untilSpaced());
    }
  }

  private long untilSpaced() {
    return lastStart + spacingNanos - System.nanoTime();
  }

  private void schedule(long delayNanos) {
    if (closed) {
      scheduled.set(false);
      return;
    }
    if (delayNanos > 0) {
      // The JDK's timer only hands over, so that a refusal by the executor is still seen below.
      CompletableFuture.delayedExecutor(delayNanos, NANOSECONDS).execute(() -> schedule(0));
      return;
    }
    try {
      rebuilds.execute(this::drain);
    } catch (RejectedExecutionException rejected) {
      scheduled.set(false);
      LOG.log(System.Logger.Level.WARNING, "the rebuild executor refused a rebuild; still serving generation "
          + generation.get(), rejected);
    }
  }
}
