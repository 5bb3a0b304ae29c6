package io.silverback.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.gateway.balancer.BalancerException;
import io.silverback.gateway.balancer.BalancerRegistry;
import io.silverback.gateway.balancer.Health;
import io.silverback.store.pg.Migrations;
import io.silverback.store.pg.PostgresStore;
import io.silverback.store.testing.TestDatabase;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Health sets between balancers of two nodes over a real database; the Admin API and proxy side
 * is {@code node.ClusterHealthNodesTest}.
 */
class ClusterHealthTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();
  static final String UP = "6d1f2e8a-1111-4c39-9f0e-2f6c9d1b7a11";
  static final String PLAIN = "6d1f2e8a-2222-4c39-9f0e-2f6c9d1b7a11";
  /** Upstream {@code up} runs (passive) health checks, {@code plain} none. */
  static final String YAML = """
      _format_version: "3.0"
      upstreams:
      - {id: %s, name: up, healthchecks: {passive: {unhealthy: {tcp_failures: 1}}},
         targets: [{target: "10.0.0.1:80"}, {target: "10.0.0.2:80"}]}
      - {id: %s, name: plain, targets: [{target: "10.0.0.3:80"}]}
      """.formatted(UP, PLAIN);
  /** Held so that the handler stays attached (JUL keeps loggers weakly). */
  static final Logger JUL = Logger.getLogger(ClusterHealth.class.getName());
  static Vertx vertx;

  final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      logged.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  @BeforeAll
  static void start() {
    new Migrations(DB.dataSource(), "public").bootstrap();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  @AfterEach
  void detach() {
    JUL.removeHandler(capture);
  }

  @Test
  void aSetAppliesHereAndReachesTheOtherNodeWhileARefusedOneGoesNowhere() throws Exception {
    JUL.addHandler(capture);
    try (TwoNodes nodes = new TwoNodes(balancers())) {
      BalancerRegistry a = nodes.a;
      BalancerRegistry b = nodes.b;
      ClusterHealth onA = nodes.onA;

      assertThatThrownBy(() -> onA.set(new HealthSet(PLAIN, "plain", "10.0.0.3:80", null, false)))
          .isInstanceOf(BalancerException.class).hasMessage("no healthchecker found for plain");
      onA.set(new HealthSet(UP, "up", "10.0.0.1:80", null, false));

      assertThat(health(a, "10.0.0.1:80")).isEqualTo(Health.UNHEALTHY);
      await(() -> health(b, "10.0.0.1:80") == Health.UNHEALTHY);
      assertThat(health(b, "10.0.0.2:80")).isEqualTo(Health.HEALTHY);
      assertThat(logged).as("B was sent nothing it refused").isEmpty();
    }
  }

  @Test
  void aSetFromAnotherNodeForAnUpstreamThisNodeLacksIsLoggedAndDropped() throws Exception {
    JUL.addHandler(capture);
    try (TwoNodes nodes = new TwoNodes(new BalancerRegistry(vertx))) {
      nodes.onA.set(new HealthSet(UP, "up", "10.0.0.1:80", null, false));

      await(() -> !logged.isEmpty());
      assertThat(logged).singleElement().satisfies(r -> {
        assertThat(r.getLevel()).isEqualTo(Level.WARNING);
        assertThat(r.getMessage()).isEqualTo("failed applying another node's health set of target 10.0.0.1:80"
            + " of upstream up (" + UP + "): Upstream up has no balancer");
      });
      assertThat(health(nodes.a, "10.0.0.1:80")).isEqualTo(Health.UNHEALTHY);
    }
  }

  @Test
  void aSetAppliesHereWhileTheDatabaseIsGoneAndTheFailureIsLoggedOnceUntilItIsBack() {
    JUL.addHandler(capture);
    PGSimpleDataSource database = new PGSimpleDataSource();
    database.setUrl("jdbc:postgresql://127.0.0.1:1/" + DB.name() + "?connectTimeout=2");
    database.setUser(DB.settings().user());
    try (PostgresStore store = new PostgresStore(database, EntityRegistry.standard());
         BalancerRegistry a = balancers();
         ClusterHealth onA = ClusterHealth.shared(a, store.clusterEvents("a"))) {
      onA.set(new HealthSet(UP, "up", "10.0.0.1:80", null, false));
      onA.set(new HealthSet(UP, "up", "10.0.0.2:80", null, false));
      assertThat(health(a, "10.0.0.1:80")).isEqualTo(Health.UNHEALTHY);
      assertThat(health(a, "10.0.0.2:80")).isEqualTo(Health.UNHEALTHY);
      await(() -> !logged.isEmpty());

      database.setPortNumbers(new int[] {DB.settings().port()});
      database.setServerNames(new String[] {DB.settings().host()});
      onA.set(new HealthSet(UP, "up", "10.0.0.1:80", null, true));
      await(() -> logged.size() >= 2);

      assertThat(logged).extracting(LogRecord::getLevel).containsExactly(Level.WARNING, Level.INFO);
      assertThat(logged.get(0).getMessage()).startsWith("target 10.0.0.1:80 of upstream up was set unhealthy on this"
          + " node only: broadcasting it to the other nodes failed (");
      assertThat(logged.get(1).getMessage()).isEqualTo("health sets reach the other nodes again");
      assertThat(health(a, "10.0.0.1:80")).isEqualTo(Health.HEALTHY);
    }
  }

  /** Node A (balancers of {@link #YAML}) and node B ({@code b}), each with its store on its own pool, both listening. */
  static final class TwoNodes implements AutoCloseable {
    final PostgresStore storeA = new PostgresStore(DB.dataSource(), EntityRegistry.standard());
    final PostgresStore storeB = new PostgresStore(DB.newDataSource(), EntityRegistry.standard());
    final BalancerRegistry a = balancers();
    final BalancerRegistry b;
    final ClusterHealth onA;
    final ClusterHealth onB;

    TwoNodes(BalancerRegistry b) throws Exception {
      this.b = b;
      onA = ClusterHealth.shared(a, storeA.clusterEvents("a"));
      onB = ClusterHealth.shared(b, storeB.clusterEvents("b"));
      awaitListening(storeA, storeB);
    }

    @Override
    public void close() {
      onB.close();
      onA.close();
      b.close();
      a.close();
      storeB.close();
      storeA.close();
    }
  }

  private static BalancerRegistry balancers() {
    BalancerRegistry r = new BalancerRegistry(vertx);
    r.update(DeclarativeConfigParser.of(EntityRegistry.standard()).parseString(YAML).orThrow().config());
    return r;
  }

  private static Health health(BalancerRegistry r, String target) {
    return r.health(UP).orElseThrow().targets().stream().filter(t -> t.target().equals(target)).findFirst()
        .orElseThrow().health();
  }

  /** Probes from A until B's change feed hears it, so that both listening connections are up. */
  private static void awaitListening(PostgresStore a, PostgresStore b) throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    try (AutoCloseable s = b.clusterEvents("probe-b").subscribe("probe", heard::add);
         AutoCloseable t = a.clusterEvents("probe-a").subscribe("probe", heard::add)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (!(heard.contains("a") && heard.contains("b")) && System.nanoTime() < deadline) {
        a.clusterEvents("probe-a").broadcast("probe", "a");
        b.clusterEvents("probe-b").broadcast("probe", "b");
        Thread.sleep(50);
      }
      assertThat(heard).as("both nodes listen").contains("a", "b");
    }
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(condition.getAsBoolean()).as("within 5 s").isTrue();
  }
}
