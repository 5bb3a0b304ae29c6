package io.silverback.gateway.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.store.memory.MemoryStore;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The snapshot watcher over the DB-less store. Rebuilds run on a {@link ManualExecutor} where the
 * test decides when they run, so coalescing is checked without timing.
 */
class ConfigWatcherTest {
  static final EntityRegistry REGISTRY = EntityRegistry.standard();
  static final long AWAIT_MILLIS = 2000;
  /** Polling interval of the deadline loops. */
  static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  final MemoryStore store = new MemoryStore(Config.empty(REGISTRY));
  final ManualExecutor executor = new ManualExecutor();
  final ConfigWatcher watcher = new ConfigWatcher(store, executor, Duration.ZERO);

  @AfterEach
  void close() {
    watcher.close();
    store.close();
  }

  @Test
  void servesAnEmptySnapshotBeforeStartAndTheStoresConfigAfter() {
    Config initial = consumers("first");
    store.replaceAll(initial);
    assertThat(watcher.current().isEmpty()).isTrue();
    assertThat(watcher.generation()).isZero();

    watcher.start();

    assertThat(watcher.current()).isSameAs(initial);
    assertThat(watcher.generation()).isEqualTo(1);
  }

  @Test
  void seesAReplacedConfigWithinADeadlineOnARealExecutor() throws Exception {
    ExecutorService rebuilds = Executors.newSingleThreadExecutor();
    try (ConfigWatcher real = new ConfigWatcher(store, rebuilds)) {
      BlockingQueue<Config> swaps = new LinkedBlockingQueue<>();
      real.onSwap(swaps::add);
      real.start();
      Config before = swaps.take();
      Config next = consumers("replaced");

      store.replaceAll(next);

      assertThat(swaps.poll(AWAIT_MILLIS, TimeUnit.MILLISECONDS)).isSameAs(next);
      assertThat(real.current()).isSameAs(next);
      assertThat(before.isEmpty()).as("a reader's old snapshot is untouched").isTrue();
    } finally {
      rebuilds.shutdownNow();
    }
  }

  @Test
  void coalescesABurstOfChangesIntoOneRebuild() throws Exception {
    watcher.start();
    CountDownLatch heard = heardAfterWatcher(50);
    Config last = null;
    for (int i = 0; i < 50; i++) {
      last = consumers("burst-" + i);
      store.replaceAll(last);
    }
    assertThat(heard.await(AWAIT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();

    assertThat(executor.queued()).isEqualTo(1);
    executor.runAll();

    assertThat(watcher.generation()).isEqualTo(2);
    assertThat(watcher.current()).isSameAs(last);
  }

  @Test
  void rebuildsOnceMoreForAChangeMadeDuringARebuild() throws Exception {
    watcher.start();
    Config during = consumers("during");
    CountDownLatch heard = heardAfterWatcher(2);
    watcher.onSwap(c -> {
      if (c != during) {
        store.replaceAll(during);
        awaitQuietly(heard);
      }
    });
    store.replaceAll(consumers("trigger"));
    awaitUntilQueued(1);

    executor.runAll();

    assertThat(watcher.current()).isSameAs(during);
    assertThat(watcher.generation()).isEqualTo(3);
  }

  @Test
  void stopsRebuildingOnceClosed() throws Exception {
    watcher.start();
    CountDownLatch heard = heardAfterWatcher(1);
    watcher.close();

    store.replaceAll(consumers("ignored"));

    assertThat(heard.await(AWAIT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(executor.queued()).isZero();
    assertThat(watcher.generation()).isEqualTo(1);
  }

  @Test
  void refusesToStartTwice() {
    watcher.start();
    assertThatThrownBy(watcher::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("started");
  }

  /** A latch counted down by a listener subscribed after the watcher, so it hears each event after the watcher did. */
  private CountDownLatch heardAfterWatcher(int events) {
    CountDownLatch latch = new CountDownLatch(events);
    store.subscribe(e -> latch.countDown());
    return latch;
  }

  private void awaitUntilQueued(int tasks) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_MILLIS);
    while (executor.queued() < tasks) {
      assertThat(System.nanoTime()).as("%d rebuild(s) queued in time", tasks).isLessThan(deadline);
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      assertThat(latch.await(AWAIT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Config consumers(String username) {
    return DeclarativeConfigParser.of(REGISTRY)
        .parseString("_format_version: \"3.0\"\nconsumers:\n- username: " + username + "\n").orThrow().config();
  }

  /** Runs tasks only when the test says so. */
  static final class ManualExecutor implements Executor {
    private final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
      tasks.add(task);
    }

    synchronized int queued() {
      return tasks.size();
    }

    /** Runs queued tasks, and the tasks they queue, until none is left. */
    void runAll() {
      Runnable next;
      while ((next = poll()) != null) {
        next.run();
      }
    }

    private synchronized Runnable poll() {
      return tasks.poll();
    }
  }
}
