package io.silverback.store.pg;

import static io.silverback.store.pg.PostgresStoreCrudTest.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.core.config.Entity;
import io.silverback.store.StoreEvent;
import io.silverback.store.StoreEvent.Operation;
import io.silverback.store.StoreException;
import io.silverback.store.testing.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The LISTEN/NOTIFY change feed between two nodes: two stores on two pools of one database. A
 * node's writes reach the other node's subscribers once committed, and only then.
 */
class ChangeFeedTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();
  /** Kong's nodes must see a change within a second; the await allows for a loaded machine. */
  static final long AWAIT_MILLIS = 2000;

  PostgresStore writer;
  PostgresStore reader;
  final BlockingQueue<StoreEvent> events = new LinkedBlockingQueue<>();
  final List<AutoCloseable> subscriptions = new ArrayList<>();

  @BeforeAll
  static void migrate() {
    new Migrations(DB.dataSource(), "public").bootstrap();
  }

  @BeforeEach
  void startTwoNodes() throws Exception {
    writer = new PostgresStore(DB.dataSource(), StoreFixtures.REGISTRY, "public", Clock.systemUTC());
    reader = new PostgresStore(DB.newDataSource(), StoreFixtures.REGISTRY, "public", Clock.systemUTC());
    subscriptions.add(reader.subscribe(events::add));
    awaitListening();
  }

  @AfterEach
  void stopNodes() throws Exception {
    for (AutoCloseable s : subscriptions) {
      s.close();
    }
    writer.close();
    reader.close();
  }

  @Test
  void createUpdateAndDeleteOnOneNodeReachTheOther() throws Exception {
    long start = System.nanoTime();
    Entity svc = writer.insert("services", object("{\"host\":\"feed.internal\"}"));
    assertThat(next()).isEqualTo(new StoreEvent(Operation.CREATE, "services", svc.id()));
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(AWAIT_MILLIS);

    writer.update("services", svc.id(), object("{\"port\":81}"));
    assertThat(next()).isEqualTo(new StoreEvent(Operation.UPDATE, "services", svc.id()));

    writer.upsert("services", svc.id(), object("{\"host\":\"put.internal\"}"));
    assertThat(next()).isEqualTo(new StoreEvent(Operation.UPDATE, "services", svc.id()));

    writer.delete("services", svc.id());
    assertThat(next()).isEqualTo(new StoreEvent(Operation.DELETE, "services", svc.id()));
  }

  @Test
  void aBulkLoadIsOneReload() throws Exception {
    writer.loadAll(StoreFixtures.config("""
        _format_version: "3.0"
        services:
        - {name: bulk-a, host: a.internal}
        - {name: bulk-b, host: b.internal}
        """, Clock.systemUTC()));
    assertThat(next()).isEqualTo(StoreEvent.reload());
    assertNothingElseBefore(writer.insert("consumers", object("{\"username\":\"after-bulk\"}")));
  }

  @Test
  void writesThatRollBackAnnounceNothing() throws Exception {
    Entity svc = writer.insert("services", object("{\"name\":\"taken\",\"host\":\"a.internal\"}"));
    assertThat(next().operation()).isEqualTo(Operation.CREATE);
    writer.insert("routes", object("{\"paths\":[\"/x\"],\"service\":{\"id\":\"" + svc.id() + "\"}}"));
    assertThat(next().operation()).isEqualTo(Operation.CREATE);
    assertThatThrownBy(() -> writer.insert("services", object("{\"name\":\"taken\",\"host\":\"b.internal\"}")))
        .isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> writer.delete("services", svc.id())).isInstanceOf(StoreException.class);
    // This load announces its reload before it commits; the commit then fails on the name.
    assertThatThrownBy(() -> writer.loadAll(StoreFixtures.config("""
        _format_version: "3.0"
        services:
        - {name: taken, host: c.internal}
        """, Clock.systemUTC()))).isInstanceOf(StoreException.class);

    assertNothingElseBefore(writer.insert("consumers", object("{\"username\":\"marker\"}")));
  }

  @Test
  void anUnsubscribedListenerHearsNothingMore() throws Exception {
    List<StoreEvent> gone = new CopyOnWriteArrayList<>();
    AutoCloseable early = reader.subscribe(gone::add);
    BlockingQueue<StoreEvent> late = new LinkedBlockingQueue<>();
    subscriptions.add(reader.subscribe(late::add));

    early.close();
    Entity svc = writer.insert("services", object("{\"host\":\"unsub.internal\"}"));

    // Subscribers are called in subscription order, so "early" would have heard it first.
    assertThat(late.poll(AWAIT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo(new StoreEvent(Operation.CREATE, "services", svc.id()));
    assertThat(gone).isEmpty();
  }

  @Test
  void theWritingNodeHearsItsOwnWrites() throws Exception {
    BlockingQueue<StoreEvent> own = new LinkedBlockingQueue<>();
    subscriptions.add(writer.subscribe(own::add));
    StoreEvent seen = null;
    for (int i = 0; seen == null && i < 40; i++) {
      writer.upsert("parameters", "own-probe", object("{\"value\":\"" + i + "\"}"));
      seen = own.poll(50, TimeUnit.MILLISECONDS);
      while (seen != null && seen.operation() == Operation.RELOAD) {
        seen = own.poll(50, TimeUnit.MILLISECONDS);
      }
    }
    assertThat(seen).isNotNull().extracting(StoreEvent::type).isEqualTo("parameters");
  }

  @Test
  void aNewSubscriberIsToldToReloadOnceListeningSoAWriteBeforeItIsNotMissed() throws Exception {
    Entity before = writer.insert("services", object("{\"host\":\"before-listen.internal\"}"));
    try (PostgresStore third = new PostgresStore(DB.newDataSource(), StoreFixtures.REGISTRY, "public", Clock.systemUTC())) {
      BlockingQueue<StoreEvent> heard = new LinkedBlockingQueue<>();
      subscriptions.add(third.subscribe(heard::add));
      assertThat(heard.poll(AWAIT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo(StoreEvent.reload());
      assertThat(third.select("services", before.id())).isPresent();
    }
  }

  private StoreEvent next() throws InterruptedException {
    StoreEvent e = events.poll(AWAIT_MILLIS, TimeUnit.MILLISECONDS);
    assertThat(e).as("an event within %d ms", AWAIT_MILLIS).isNotNull();
    return e;
  }

  /** The next event is the creation of {@code marker}: nothing was announced before it. */
  private void assertNothingElseBefore(Entity marker) throws InterruptedException {
    assertThat(next()).isEqualTo(new StoreEvent(Operation.CREATE, marker.type(), marker.id()));
  }

  /**
   * The reader's listening connection comes up in the background; write probes until one is heard.
   * Notifications reach a listener in commit order, so once a final marker is heard no probe
   * can still arrive.
   */
  private void awaitListening() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_MILLIS * 2);
    int probe = 0;
    while (System.nanoTime() < deadline) {
      writer.upsert("parameters", "feed-probe", object("{\"value\":\"" + probe++ + "\"}"));
      if (events.poll(50, TimeUnit.MILLISECONDS) != null) {
        writer.upsert("parameters", "feed-probe-last", object("{\"value\":\"last\"}"));
        StoreEvent e;
        do {
          e = next();
        } while (!"feed-probe-last".equals(e.id()));
        return;
      }
    }
    throw new AssertionError("the reader's change feed did not start listening");
  }
}
