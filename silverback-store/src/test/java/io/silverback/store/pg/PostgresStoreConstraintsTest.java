package io.silverback.store.pg;

import static io.silverback.store.pg.PostgresStoreCrudTest.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.silverback.core.config.Entity;
import io.silverback.core.schema.AutoFields;
import io.silverback.store.KongError;
import io.silverback.store.StoreException;
import io.silverback.store.testing.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rules PostgreSQL enforces for single writes (unique fields, primary and foreign keys, cache
 * keys, on-delete cascades and restrictions), reported with Kong's errors, including when writers
 * on two nodes race for the same name.
 */
class PostgresStoreConstraintsTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  static PostgresStore store;

  @BeforeAll
  static void openStore() {
    store = StoreFixtures.migratedStore(DB.dataSource(), Clock.systemUTC());
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  @Test
  void twoServicesWithOneNameAreAUniqueViolation() {
    store.insert("services", object("{\"name\":\"x\",\"host\":\"a.internal\"}"));
    assertThatThrownBy(() -> store.insert("services", object("{\"name\":\"x\",\"host\":\"b.internal\"}")))
        .isInstanceOfSatisfying(StoreException.class, e -> {
          assertThat(e.error()).isEqualTo(KongError.UNIQUE_VIOLATION);
          assertThat(e.fields().toString()).isEqualTo("{\"name\":\"x\"}");
        })
        .hasMessage("UNIQUE violation detected on '{name=\"x\"}'");
    assertThat(store.find("services", "x")).isPresent();
  }

  @Test
  void renamingOntoATakenNameIsAUniqueViolation() {
    store.insert("consumers", object("{\"username\":\"taken\"}"));
    Entity other = store.insert("consumers", object("{\"username\":\"free\"}"));
    assertThatThrownBy(() -> store.update("consumers", other.id(), object("{\"username\":\"taken\"}")))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(KongError.UNIQUE_VIOLATION))
        .hasMessage("UNIQUE violation detected on '{username=\"taken\"}'");
    assertThat(store.select("consumers", other.id()).orElseThrow().text("username")).isEqualTo("free");
  }

  @Test
  void insertWithAnExistingIdIsAPrimaryKeyViolation() {
    Entity svc = store.insert("services", object("{\"name\":\"pk-first\",\"host\":\"a.internal\"}"));
    assertThatThrownBy(() -> store.insert("services",
        object("{\"id\":\"" + svc.id() + "\",\"name\":\"pk-second\",\"host\":\"b.internal\"}")))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(KongError.PRIMARY_KEY_VIOLATION))
        .hasMessage("primary key violation on key '{id=\"" + svc.id() + "\"}'");
    assertThat(store.find("services", "pk-second")).isEmpty();
  }

  @Test
  void aForeignKeyToAMissingServiceIsAForeignKeyViolation() {
    String missing = AutoFields.randomId();
    assertThatThrownBy(() -> store.insert("routes",
        object("{\"name\":\"orphan\",\"paths\":[\"/o\"],\"service\":{\"id\":\"" + missing + "\"}}")))
        .isInstanceOfSatisfying(StoreException.class, e -> {
          assertThat(e.error()).isEqualTo(KongError.FOREIGN_KEY_VIOLATION);
          assertThat(e.fields().toString()).isEqualTo("{\"service\":{\"id\":\"" + missing + "\"}}");
        })
        .hasMessage("the foreign key '{id=\"" + missing + "\"}' does not reference an existing 'services' entity.");
    assertThat(store.find("routes", "orphan")).isEmpty();
  }

  @Test
  void deletingAServiceThatARouteReferencesIsRefused() {
    Entity svc = store.insert("services", object("{\"name\":\"referenced\",\"host\":\"a.internal\"}"));
    Entity route = store.insert("routes", object("{\"paths\":[\"/r\"],\"service\":{\"id\":\"" + svc.id() + "\"}}"));
    assertThatThrownBy(() -> store.delete("services", svc.id()))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(KongError.FOREIGN_KEY_VIOLATION))
        .hasMessage("an existing 'routes' entity references this 'services' entity");
    assertThat(store.select("services", svc.id())).isPresent();

    store.delete("routes", route.id());
    assertThat(store.delete("services", svc.id())).isTrue();
  }

  @Test
  void deletingAConsumerDeletesItsCredentialsAndPlugins() {
    Entity consumer = store.insert("consumers", object("{\"username\":\"cascade\"}"));
    String ref = "{\"id\":\"" + consumer.id() + "\"}";
    List<Entity> owned = List.of(
        store.insert("keyauth_credentials", object("{\"consumer\":" + ref + "}")),
        store.insert("basicauth_credentials", object("{\"username\":\"cascade\",\"password\":\"p\",\"consumer\":" + ref + "}")),
        store.insert("acls", object("{\"group\":\"g\",\"consumer\":" + ref + "}")),
        store.insert("jwt_secrets", object("{\"consumer\":" + ref + "}")),
        store.insert("hmacauth_credentials", object("{\"username\":\"cascade\",\"consumer\":" + ref + "}")),
        store.insert("plugins", object("{\"name\":\"rate-limiting\",\"config\":{\"minute\":5},\"consumer\":" + ref + "}")));

    assertThat(store.delete("consumers", consumer.id())).isTrue();

    assertThat(owned).allSatisfy(e -> assertThat(store.select(e.type(), e.id())).as(e.type()).isEmpty());
  }

  @Test
  void deletingAnUpstreamDeletesItsTargets() {
    Entity upstream = store.insert("upstreams", object("{\"name\":\"cascade.internal\"}"));
    String ref = "{\"id\":\"" + upstream.id() + "\"}";
    Entity a = store.insert("targets", object("{\"target\":\"10.0.0.1:80\",\"upstream\":" + ref + "}"));
    Entity b = store.insert("targets", object("{\"target\":\"10.0.0.2:80\",\"upstream\":" + ref + "}"));

    assertThat(store.delete("upstreams", upstream.id())).isTrue();

    assertThat(store.select("targets", a.id())).isEmpty();
    assertThat(store.select("targets", b.id())).isEmpty();
  }

  @Test
  void deletingARouteDeletesItsPluginsButNotThoseOfItsService() {
    Entity svc = store.insert("services", object("{\"name\":\"route-cascade\",\"host\":\"a.internal\"}"));
    Entity route = store.insert("routes", object("{\"paths\":[\"/rc\"],\"service\":{\"id\":\"" + svc.id() + "\"}}"));
    Entity onRoute = store.insert("plugins", object("{\"name\":\"cors\",\"route\":{\"id\":\"" + route.id() + "\"}}"));
    Entity onService = store.insert("plugins", object("{\"name\":\"cors\",\"service\":{\"id\":\"" + svc.id() + "\"}}"));

    assertThat(store.delete("routes", route.id())).isTrue();

    assertThat(store.select("plugins", onRoute.id())).isEmpty();
    assertThat(store.select("plugins", onService.id())).isPresent();
  }

  @Test
  void twoKeyAuthPluginsOnOneServiceAreAUniqueViolation() {
    Entity svc = store.insert("services", object("{\"name\":\"one-key-auth\",\"host\":\"a.internal\"}"));
    String plugin = "{\"name\":\"key-auth\",\"service\":{\"id\":\"" + svc.id() + "\"}}";
    store.insert("plugins", object(plugin));
    assertThatThrownBy(() -> store.insert("plugins", object(plugin)))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(KongError.UNIQUE_VIOLATION))
        .hasMessage("UNIQUE violation detected on '{consumer=null,name=\"key-auth\",route=null,service={id=\""
            + svc.id() + "\"}}'");
    store.insert("plugins", object("{\"name\":\"key-auth\"}"));
  }

  @Test
  void ofWritersRacingForOneNameOnTwoNodesExactlyOneWins() throws Exception {
    int writers = 8;
    try (PostgresStore other = new PostgresStore(DB.newDataSource(), StoreFixtures.REGISTRY)) {
      PostgresStore[] nodes = {store, other};
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      try {
        List<Future<Entity>> results = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
          PostgresStore node = nodes[i % 2];
          String host = "h" + i + ".internal";
          results.add(pool.submit(() -> {
            start.await();
            return node.insert("services", object("{\"name\":\"race\",\"host\":\"" + host + "\"}"));
          }));
        }
        start.countDown();
        int won = 0;
        List<StoreException> lost = new ArrayList<>();
        for (Future<Entity> f : results) {
          try {
            f.get(10, TimeUnit.SECONDS);
            won++;
          } catch (java.util.concurrent.ExecutionException e) {
            lost.add((StoreException) e.getCause());
          }
        }
        assertThat(won).isEqualTo(1);
        assertThat(lost).hasSize(writers - 1).allSatisfy(e -> {
          assertThat(e.error()).isEqualTo(KongError.UNIQUE_VIOLATION);
          assertThat(e).hasMessage("UNIQUE violation detected on '{name=\"race\"}'");
        });
      } finally {
        pool.shutdownNow();
      }
    }
    assertThat(store.export().all("services")).filteredOn(e -> "race".equals(e.text("name"))).hasSize(1);
  }
}
