package io.silverback.store.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.store.ClusterEvents;
import io.silverback.store.DatabaseUnavailableException;
import io.silverback.store.testing.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/** Cluster events between two nodes: two stores on two pools of one database, as nodes A and B. */
class PostgresClusterEventsTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();
  static final String CHANNEL = "balancer:post_health";

  PostgresStore storeA;
  PostgresStore storeB;
  ClusterEvents a;
  ClusterEvents b;
  final BlockingQueue<String> heardByA = new LinkedBlockingQueue<>();
  final BlockingQueue<String> heardByB = new LinkedBlockingQueue<>();
  final List<AutoCloseable> subscriptions = new ArrayList<>();

  @BeforeAll
  static void migrate() {
    new Migrations(DB.dataSource(), "public").bootstrap();
  }

  @BeforeEach
  void startTwoNodes() throws InterruptedException {
    storeA = new PostgresStore(DB.dataSource(), StoreFixtures.REGISTRY, "public", Clock.systemUTC());
    storeB = new PostgresStore(DB.newDataSource(), StoreFixtures.REGISTRY, "public", Clock.systemUTC());
    a = storeA.clusterEvents("node-a");
    b = storeB.clusterEvents("node-b");
    subscriptions.add(a.subscribe(CHANNEL, heardByA::add));
    subscriptions.add(b.subscribe(CHANNEL, heardByB::add));
    awaitListening();
  }

  @AfterEach
  void stopNodes() throws Exception {
    for (AutoCloseable s : subscriptions) {
      s.close();
    }
    storeA.close();
    storeB.close();
  }

  @Test
  void anEventBroadcastByOneNodeReachesTheOtherAndNotItself() throws InterruptedException {
    a.broadcast(CHANNEL, "{\"healthy\":false}");

    assertThat(heardByB.poll(2, TimeUnit.SECONDS)).isEqualTo("{\"healthy\":false}");
    b.broadcast(CHANNEL, "back");
    assertThat(heardByA.poll(2, TimeUnit.SECONDS)).isEqualTo("back");
    assertThat(heardByA).isEmpty();
    assertThat(heardByB).isEmpty();
  }

  @Test
  void eventsOfAnotherChannelOrAnotherSchemaAreNotHeard() throws InterruptedException {
    PostgresStore otherSchema = new PostgresStore(DB.dataSource(), StoreFixtures.REGISTRY, "other", Clock.systemUTC());
    try {
      a.broadcast("other:channel", "not for the balancer");
      otherSchema.clusterEvents("node-c").broadcast(CHANNEL, "another schema's");
      a.broadcast(CHANNEL, "last");

      assertThat(heardByB.poll(2, TimeUnit.SECONDS)).isEqualTo("last");
      assertThat(heardByB).isEmpty();
    } finally {
      otherSchema.close();
    }
  }

  @Test
  void aClosedSubscriptionHearsNothingMore() throws Exception {
    subscriptions.remove(1).close();
    BlockingQueue<String> later = new LinkedBlockingQueue<>();
    subscriptions.add(b.subscribe(CHANNEL, later::add));

    a.broadcast(CHANNEL, "after");

    assertThat(later.poll(2, TimeUnit.SECONDS)).isEqualTo("after");
    assertThat(heardByB).isEmpty();
  }

  @Test
  void anEventTooLargeForOneNotificationIsRefusedWithItsSize() {
    assertThatThrownBy(() -> a.broadcast(CHANNEL, "x".repeat(8000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cluster event on channel 'balancer:post_health' is 8")
        .hasMessageContaining("at most 7999");
  }

  @Test
  void aBroadcastToADatabaseThatCannotBeReachedFailsAsTheDatabaseBeingUnavailable() {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/kong?connectTimeout=2");
    nowhere.setUser("kong");
    try (PostgresStore gone = new PostgresStore(nowhere, StoreFixtures.REGISTRY)) {
      assertThatThrownBy(() -> gone.clusterEvents("node-a").broadcast(CHANNEL, "lost"))
          .isInstanceOf(DatabaseUnavailableException.class);
    }
  }

  /** Probes until B hears A, so that both listening connections are up; then forgets the probes. */
  private void awaitListening() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      a.broadcast(CHANNEL, "probe");
      b.broadcast(CHANNEL, "probe");
      if (heardByB.poll(50, TimeUnit.MILLISECONDS) != null && heardByA.poll(50, TimeUnit.MILLISECONDS) != null) {
        a.broadcast(CHANNEL, "probe-last");
        b.broadcast(CHANNEL, "probe-last");
        drainUntilLast(heardByA);
        drainUntilLast(heardByB);
        return;
      }
    }
    throw new AssertionError("the nodes' listening connections did not start");
  }

  private static void drainUntilLast(BlockingQueue<String> queue) throws InterruptedException {
    String e;
    do {
      e = queue.poll(2, TimeUnit.SECONDS);
    } while (e != null && !e.equals("probe-last"));
  }
}
