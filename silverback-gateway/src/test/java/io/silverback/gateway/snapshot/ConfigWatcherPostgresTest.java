package io.silverback.gateway.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.Json;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.PostgresStore;
import io.silverback.store.testing.TestDatabase;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes on one PostgreSQL database: node A writes, node B's watcher rebuilds its snapshot
 * from the LISTEN/NOTIFY change feed.
 */
class ConfigWatcherPostgresTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();
  static final EntityRegistry REGISTRY = EntityRegistry.standard();
  /** Kong's nodes must see a change within a second; the await allows for a loaded machine. */
  static final long AWAIT_MILLIS = 2000;
  /** Polling interval of the deadline loops. */
  static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  static final int BURST = 200;

  PostgresStore nodeA;
  PostgresStore nodeB;
  ExecutorService rebuilds;
  ConfigWatcher watcherB;

  @BeforeAll
  static void migrate() {
    new Migrations(DB.dataSource(), "public").bootstrap();
  }

  @BeforeEach
  void startTwoNodes() {
    nodeA = new PostgresStore(DB.dataSource(), REGISTRY, "public", Clock.systemUTC());
    nodeB = new PostgresStore(DB.newDataSource(), REGISTRY, "public", Clock.systemUTC());
    rebuilds = Executors.newSingleThreadExecutor();
    watcherB = new ConfigWatcher(nodeB, rebuilds);
    watcherB.start();
    awaitListening();
  }

  @AfterEach
  void stopNodes() {
    watcherB.close();
    rebuilds.shutdownNow();
    nodeA.close();
    nodeB.close();
  }

  @Test
  void aWriteOnOneNodeReachesTheOtherNodesSnapshot() {
    long start = System.nanoTime();
    Entity svc = nodeA.insert("services", object("{\"name\":\"written-on-a\",\"host\":\"a.internal\"}"));

    awaitUntil(() -> watcherB.current().get("services", svc.id()).isPresent(), "the service in B's snapshot");

    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertThat(millis).as("milliseconds until node B served the change").isLessThan(AWAIT_MILLIS);
    assertThat(watcherB.current().get("services", svc.id()).orElseThrow().text("host")).isEqualTo("a.internal");
  }

  @Test
  void aBurstOfWritesCostsFewRebuildsAndEndsWithEveryWrite() {
    int before = watcherB.current().count("services");
    long generation = watcherB.generation();

    for (int i = 0; i < BURST; i++) {
      nodeA.insert("services", object("{\"name\":\"burst-" + i + "\",\"host\":\"b" + i + ".internal\"}"));
    }
    awaitUntil(() -> watcherB.current().count("services") == before + BURST, "all " + BURST + " services in B's snapshot");

    // Coalescing, not a timing contract: rebuilds that overlap later writes absorb them. A quiet
    // machine reads ~10 rebuilds for 200 writes, a machine at load 10-20 up to ~25; one per write
    // (200) would mean no coalescing at all.
    assertThat(watcherB.generation() - generation).as("rebuilds for %d writes", BURST).isBetween(1L, (long) BURST / 4);
  }

  /**
   * B's listening connection comes up in the background after {@code start()}: write probes
   * through A until B's watcher rebuilds.
   */
  private void awaitListening() {
    long generation = watcherB.generation();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_MILLIS * 2);
    for (int probe = 0; watcherB.generation() == generation; probe++) {
      assertThat(System.nanoTime()).as("node B's change feed listening in time").isLessThan(deadline);
      nodeA.upsert("parameters", "watcher-probe", object("{\"value\":\"" + probe + "\"}"));
      long wait = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
      while (watcherB.generation() == generation && System.nanoTime() < wait) {
        LockSupport.parkNanos(POLL_NANOS);
      }
    }
  }

  private static void awaitUntil(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_MILLIS);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("%s within %d ms", what, AWAIT_MILLIS).isLessThan(deadline);
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  private static ObjectNode object(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }
}
