package io.silverback.store.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.Credentials;
import io.silverback.core.schema.AutoFields;
import io.silverback.core.schema.Json;
import io.silverback.store.KongError;
import io.silverback.store.StoreException;
import io.silverback.store.testing.TestDatabase;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Single-entity writes of every entity type against real PostgreSQL, as the Admin API makes them:
 * POST, GET by id and by endpoint key, PATCH, PUT (create and replace), DELETE, count. The cases
 * are in {@code crud-cases.yaml}.
 */
class PostgresStoreCrudTest {
  @RegisterExtension
  static final TestDatabase DB = new TestDatabase();

  static final String SERVICE = "00000000-0000-4000-8000-000000000001";
  static final String CONSUMER = "00000000-0000-4000-8000-000000000003";
  static final String UPSTREAM = "00000000-0000-4000-8000-000000000004";
  static final String CERTIFICATE = "00000000-0000-4000-8000-000000000005";
  static final String KEY_SET = "00000000-0000-4000-8000-000000000006";
  static final Duration STEP = Duration.ofSeconds(7);

  static final TestClock CLOCK = new TestClock(StoreFixtures.START);
  static PostgresStore store;

  @BeforeAll
  static void createParents() {
    store = StoreFixtures.migratedStore(DB.dataSource(), CLOCK);
    store.insert("services", object("{\"id\":\"" + SERVICE + "\",\"name\":\"parent\",\"host\":\"parent.internal\"}"));
    store.insert("consumers", object("{\"id\":\"" + CONSUMER + "\",\"username\":\"parent\"}"));
    store.insert("upstreams", object("{\"id\":\"" + UPSTREAM + "\",\"name\":\"parent.internal\"}"));
    ObjectNode cert = object("{\"id\":\"" + CERTIFICATE + "\"}")
        .put("cert", StoreFixtures.pem("rsa.crt")).put("key", StoreFixtures.pem("rsa-pkcs8.key"));
    store.insert("certificates", cert);
    store.insert("key_sets", object("{\"id\":\"" + KEY_SET + "\",\"name\":\"parent\"}"));
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  static Stream<CrudCase> cases() {
    return CrudCase.load("crud-cases.yaml").stream();
  }

  static Stream<ObjectNode> violations() {
    return CrudCase.load("schema-violations.yaml").stream().map(CrudCase::raw);
  }

  @Test
  void casesCoverEveryEntityTypeOfTheRegistry() {
    Set<String> covered = new TreeSet<>(cases().map(CrudCase::type).toList());
    Set<String> all = new TreeSet<>(StoreFixtures.REGISTRY.ordered().stream().map(s -> s.name()).toList());
    assertThat(covered).isEqualTo(all);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void postThenGetFindPatchAndDeleteBehaveAsTheAdminApi(CrudCase c) {
    CrudCase.Resolved r = c.fresh();
    long before = store.count(c.type());

    Entity created = store.insert(c.type(), r.input());
    assertThat(store.select(c.type(), created.id())).hasValueSatisfying(e -> assertSameFields(e, created));
    assertWritten(created, r.input(), r.transformed());
    assertTimestamps(created, CLOCK.seconds(), CLOCK.seconds());
    r.key().ifPresent(key -> assertThat(store.find(c.type(), key)).map(Entity::id).hasValue(created.id()));
    assertThat(store.find(c.type(), created.id())).map(Entity::id).hasValue(created.id());
    assertThat(store.count(c.type())).isEqualTo(before + 1);

    long createdAt = CLOCK.seconds();
    CLOCK.advance(STEP);
    Entity patched = store.update(c.type(), created.id(), r.patch());
    assertWritten(patched, r.patch(), Set.of());
    assertTimestamps(patched, createdAt, CLOCK.seconds());
    ObjectNode untouched = created.copy();
    r.patch().fieldNames().forEachRemaining(untouched::remove);
    untouched.remove("updated_at");
    assertWritten(patched, untouched, Set.of());
    assertThat(store.select(c.type(), created.id())).hasValueSatisfying(e -> assertSameFields(e, patched));

    assertThat(store.delete(c.type(), created.id())).isTrue();
    assertThat(store.select(c.type(), created.id())).isEmpty();
    assertThat(store.count(c.type())).isEqualTo(before);
    assertThat(store.delete(c.type(), created.id())).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void putCreatesThenReplacesKeepingCreatedAt(CrudCase c) {
    CrudCase.Resolved r = c.fresh();
    String id = r.putId().orElseGet(AutoFields::randomId);
    long before = store.count(c.type());

    Entity created = store.upsert(c.type(), id, r.input());
    assertThat(created.id()).isEqualTo(id);
    assertWritten(created, r.input(), r.transformed());
    assertTimestamps(created, CLOCK.seconds(), CLOCK.seconds());
    assertThat(store.select(c.type(), id)).hasValueSatisfying(e -> assertSameFields(e, created));

    long createdAt = CLOCK.seconds();
    CLOCK.advance(STEP);
    Entity replaced = store.upsert(c.type(), id, r.replace());
    assertWritten(replaced, r.replace(), r.transformed());
    assertTimestamps(replaced, createdAt, CLOCK.seconds());
    assertThat(store.select(c.type(), id)).hasValueSatisfying(e -> assertSameFields(e, replaced));
    assertThat(store.count(c.type())).isEqualTo(before + 1);

    assertThat(store.delete(c.type(), id)).isTrue();
    assertThat(store.count(c.type())).isEqualTo(before);
  }

  @Test
  void putReplacesTheWholeEntityResettingFieldsItLeavesOut() {
    String id = AutoFields.randomId();
    store.upsert("services", id, object("{\"name\":\"put-whole\",\"host\":\"a.internal\",\"port\":8443,\"path\":\"/x\",\"tags\":[\"t\"]}"));
    Entity replaced = store.upsert("services", id, object("{\"name\":\"put-whole\",\"host\":\"b.internal\"}"));
    assertThat(replaced.get("port").asInt()).isEqualTo(80);
    assertThat(replaced.get("path").isNull()).isTrue();
    assertThat(replaced.get("tags").isNull()).isTrue();
    assertThat(store.select("services", id)).hasValueSatisfying(e -> assertSameFields(e, replaced));
  }

  @Test
  void patchOfARecordFieldMergesItsSubfields() {
    Entity plugin = store.insert("plugins", object("{\"name\":\"rate-limiting\",\"instance_name\":\"merge\","
        + "\"config\":{\"minute\":10,\"hour\":100}}"));
    Entity patched = store.update("plugins", plugin.id(), object("{\"config\":{\"minute\":20}}"));
    assertThat(patched.get("config").get("minute").asInt()).isEqualTo(20);
    assertThat(patched.get("config").get("hour").asInt()).isEqualTo(100);
    store.delete("plugins", plugin.id());
  }

  @Test
  void patchOfAMissingEntityIsNotFound() {
    String id = AutoFields.randomId();
    assertThatThrownBy(() -> store.update("services", id, object("{\"port\":81}")))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(KongError.NOT_FOUND))
        .hasMessage("could not find the entity with primary key '{id=\"" + id + "\"}'");
  }

  @Test
  void idsThatAreNotUuidsFindNothing() {
    assertThat(store.select("services", "not-a-uuid")).isEmpty();
    assertThat(store.find("services", "no-such-name")).isEmpty();
    assertThat(store.delete("services", "not-a-uuid")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void schemaViolationsCarryKongsMessage(ObjectNode c) {
    String type = c.get("type").asText();
    long before = store.count(type);
    assertThatThrownBy(() -> store.insert(type, c.get("input").deepCopy()))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(KongError.SCHEMA_VIOLATION))
        .hasMessage(c.get("message").asText());
    assertThat(store.count(type)).isEqualTo(before);
  }

  @Test
  void patchThatBreaksTheSchemaIsASchemaViolationAndChangesNothing() {
    Entity svc = store.insert("services", object("{\"name\":\"patch-invalid\",\"host\":\"a.internal\"}"));
    assertThatThrownBy(() -> store.update("services", svc.id(), object("{\"port\":\"eighty\"}")))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(KongError.SCHEMA_VIOLATION))
        .hasMessage("schema violation (port: expected an integer)");
    assertThat(store.select("services", svc.id())).hasValueSatisfying(e -> assertSameFields(e, svc));
    store.delete("services", svc.id());
  }

  @Test
  void basicAuthPasswordIsHashedOnInsertAndOnlyRehashedWhenAPatchSetsIt() {
    Entity cred = store.insert("basicauth_credentials",
        object("{\"username\":\"hash-me\",\"password\":\"s3cret\",\"consumer\":{\"id\":\"" + CONSUMER + "\"}}"));
    String hashed = Credentials.hashPassword(CONSUMER, "s3cret");
    assertThat(cred.text("password")).isEqualTo(hashed);
    assertThat(store.select("basicauth_credentials", cred.id()).orElseThrow().text("password")).isEqualTo(hashed);

    Entity tagged = store.update("basicauth_credentials", cred.id(), object("{\"tags\":[\"x\"]}"));
    assertThat(tagged.text("password")).isEqualTo(hashed);
    assertThat(store.select("basicauth_credentials", cred.id()).orElseThrow().text("password")).isEqualTo(hashed);

    Entity changed = store.update("basicauth_credentials", cred.id(), object("{\"password\":\"n3w\"}"));
    assertThat(changed.text("password")).isEqualTo(Credentials.hashPassword(CONSUMER, "n3w"));
    assertThat(store.select("basicauth_credentials", cred.id()).orElseThrow().text("password"))
        .isEqualTo(Credentials.hashPassword(CONSUMER, "n3w"));
    store.delete("basicauth_credentials", cred.id());
  }

  @Test
  void autoFieldsAreFilledOnInsert() {
    Entity key = store.insert("keyauth_credentials", object("{\"consumer\":{\"id\":\"" + CONSUMER + "\"}}"));
    assertThat(key.text("key")).hasSize(32);
    assertThat(store.find("keyauth_credentials", key.text("key"))).map(Entity::id).hasValue(key.id());
    Entity target = store.insert("targets", object("{\"target\":\"no-port.internal\",\"upstream\":{\"id\":\"" + UPSTREAM + "\"}}"));
    assertThat(target.text("target")).isEqualTo("no-port.internal:8000");
    store.delete("keyauth_credentials", key.id());
    store.delete("targets", target.id());
  }

  /**
   * Every field of {@code written}, except {@code transformed}, holds its value in {@code e};
   * records are compared by the subfields written (the schema fills the others with defaults).
   */
  private static void assertWritten(Entity e, ObjectNode written, Set<String> transformed) {
    written.fields().forEachRemaining(f -> {
      if (!transformed.contains(f.getKey())) {
        assertContains(e.type() + "." + f.getKey(), e.get(f.getKey()), f.getValue());
      }
    });
  }

  private static void assertContains(String path, JsonNode actual, JsonNode written) {
    if (written.isObject() && actual.isObject()) {
      written.fields().forEachRemaining(f -> assertContains(path + "." + f.getKey(), actual.path(f.getKey()), f.getValue()));
    } else {
      assertThat(actual).as(path).isEqualTo(written);
    }
  }

  private static void assertTimestamps(Entity e, long createdAt, long updatedAt) {
    var schema = StoreFixtures.REGISTRY.require(e.type());
    if (schema.fields().containsKey("created_at")) {
      assertThat(e.get("created_at").asDouble()).as("%s.created_at", e.type()).isEqualTo(createdAt);
    }
    if (schema.fields().containsKey("updated_at")) {
      assertThat(e.get("updated_at").asDouble()).as("%s.updated_at", e.type()).isEqualTo(updatedAt);
    }
  }

  /** The same fields as JSON trees: what a write returns is what later reads give. */
  static void assertSameFields(Entity actual, Entity expected) {
    assertThat(actual.id()).isEqualTo(expected.id());
    assertThat(actual.fields()).as("%s %s", actual.type(), actual.id()).isEqualTo(expected.fields());
  }

  static ObjectNode object(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }
}
