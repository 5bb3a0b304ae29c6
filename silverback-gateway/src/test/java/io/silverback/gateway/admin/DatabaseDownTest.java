package io.silverback.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.store.pg.PostgresStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** A database that is gone answers 503 at once, with no database details and no hung request. */
class DatabaseDownTest {
  @Test
  void requestsGetA503QuicklyWhenTheDatabaseCannotBeReached() throws Exception {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/kong?connectTimeout=2");
    nowhere.setUser("kong");
    try (PostgresStore store = new PostgresStore(nowhere, EntityRegistry.standard());
         AdminClient admin = AdminClient.start(new AdminContext(store, NodeConf.defaults(), "node"), AdminOptions.defaults())) {
      long start = System.nanoTime();
      AdminClient.Response listed = admin.get("/services");
      AdminClient.Response created = admin.json("POST", "/services", "{\"host\":\"a.test\"}");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(listed.status()).isEqualTo(503);
      assertThat(listed.body()).isEqualTo("{\"message\":\"The database is unavailable; see the node's log\"}");
      assertThat(created.status()).isEqualTo(503);
    }
  }
}
