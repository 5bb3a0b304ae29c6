package io.silverback.store;

import static io.silverback.store.ContractFixture.CONFIG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.EntitySchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link Store} must do with the entities it holds: reads, Kong's paging, tag filters and
 * nested listings, counts and export, checked against {@link ContractFixture#CONFIG}.
 *
 * <p>A store's test extends this class and implements {@link #storeHolding}. The store is created
 * on first use (after the subclass's {@code @BeforeAll}, so a database can be started there), shared
 * by the read-only tests of the class, and closed after the subclass's {@code @AfterAll}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContractTest {
  private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.equals(b)
      || (a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0) ? 0 : 1;

  private Store store;

  /** A store whose content is exactly {@code config}. */
  protected abstract Store storeHolding(Config config);

  /** The store under test, holding {@link ContractFixture#CONFIG}. */
  protected final Store store() {
    if (store == null) {
      store = storeHolding(CONFIG);
    }
    return store;
  }

  @AfterAll
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void selectReturnsTheEntityWithThatPrimaryKey() {
    for (String type : CONFIG.counts().keySet()) {
      Entity expected = CONFIG.all(type).iterator().next();
      assertThat(store().select(type, expected.id())).hasValueSatisfying(e -> assertSameEntity(e, expected));
    }
  }

  @Test
  void anUnknownEntityTypeIsAnInvalidOption() {
    assertThatThrownBy(() -> store().select("apis", UUID.randomUUID().toString()))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(KongError.INVALID_OPTIONS))
        .hasMessageContaining("unknown entity type 'apis'");
    assertThatThrownBy(() -> store().page("apis", PageRequest.first())).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store().count("apis")).isInstanceOf(StoreException.class);
  }

  @Test
  void selectOfAMissingIdIsEmpty() {
    assertThat(store().select("services", UUID.randomUUID().toString())).isEmpty();
  }

  @Test
  void findsAServiceByNameAndAConsumerByUsername() {
    assertThat(store().find("services", "orders")).hasValueSatisfying(
        e -> assertSameEntity(e, only("services", e2 -> "orders".equals(e2.text("name")))));
    assertThat(store().find("consumers", "user-042")).hasValueSatisfying(
        e -> assertThat(e.text("username")).isEqualTo("user-042"));
  }

  @Test
  void findsByPrimaryKeyWhenGivenAUuid() {
    Entity route = only("routes", r -> "billing".equals(r.text("name")));
    assertThat(store().find("routes", route.id())).hasValueSatisfying(e -> assertSameEntity(e, route));
  }

  @Test
  void findOfAnUnknownNameIsEmpty() {
    assertThat(store().find("services", "no-such-service")).isEmpty();
    assertThat(store().find("services", UUID.randomUUID().toString())).isEmpty();
  }

  @Test
  void findOfANonUuidIsEmptyForATypeWithoutAnEndpointKey() {
    assertThat(store().find("acls", "buyers")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 100, 1000})
  void pagingWalksEveryConsumerExactlyOnceInPrimaryKeyOrder(int size) {
    assertThat(ids(walk("consumers", PageRequest.first().withSize(size))))
        .containsExactlyElementsOf(sortedIds("consumers", e -> true));
  }

  @Test
  void pagingWalksEveryTypeExactlyOnceInPrimaryKeyOrder() {
    for (EntitySchema schema : CONFIG.registry().ordered()) {
      String type = schema.name();
      assertThat(ids(walk(type, PageRequest.first().withSize(3)))).as(type)
          .containsExactlyElementsOf(sortedIds(type, e -> true));
    }
  }

  @Test
  void aPageEndingAtTheLastEntityHasNoOffset() {
    Page page = store().page("consumers", PageRequest.first().withSize(ContractFixture.CONSUMERS));
    assertThat(page.data()).hasSize(ContractFixture.CONSUMERS);
    assertThat(page.offset()).isEmpty();
  }

  @Test
  void anEmptyCollectionGivesOneEmptyPageWithoutOffset() {
    Page page = store().page("certificates", PageRequest.first());
    assertThat(page.data()).isEmpty();
    assertThat(page.offset()).isEmpty();
  }

  @Test
  void anOffsetForAKeyNoLongerPresentResumesAfterThatKey() {
    String gone = UUID.randomUUID().toString();
    List<String> expected = sortedIds("consumers", e -> e.id().compareTo(gone) > 0);
    PageRequest request = PageRequest.first().withSize(PageRequest.MAX_SIZE).withOffset(Offsets.encode(gone));
    assertThat(ids(store().page("consumers", request).data())).containsExactlyElementsOf(expected);
  }

  @Test
  void aGarbageOffsetIsAnInvalidOffset() {
    assertThatThrownBy(() -> store().page("consumers", PageRequest.first().withOffset("not base64!")))
        .isInstanceOfSatisfying(StoreException.class, e -> {
          assertThat(e.error()).isEqualTo(KongError.INVALID_OFFSET);
          assertThat(e.getMessage()).isEqualTo("'not base64!' is not a valid offset: bad base64 encoding");
        });
  }

  @Test
  void aTamperedOffsetIsAnInvalidOffset() {
    String offset = store().page("consumers", PageRequest.first().withSize(10)).offset().orElseThrow();
    int middle = offset.length() / 2;
    char changed = offset.charAt(middle) == 'A' ? 'B' : 'A';
    String tampered = offset.substring(0, middle) + changed + offset.substring(middle + 1);
    assertThatThrownBy(() -> store().page("consumers", PageRequest.first().withOffset(tampered)))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(KongError.INVALID_OFFSET));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, PageRequest.MAX_SIZE + 1})
  void aSizeOutsideOneToAThousandIsAnInvalidSize(int size) {
    assertThatThrownBy(() -> store().page("consumers", PageRequest.first().withSize(size)))
        .isInstanceOfSatisfying(StoreException.class, e -> {
          assertThat(e.error()).isEqualTo(KongError.INVALID_SIZE);
          assertThat(e.getMessage()).isEqualTo("size must be an integer between 1 and 1000");
        });
  }

  @Test
  void aCommaTagFilterMatchesEntitiesCarryingEveryTag() {
    assertThat(names("services", TagFilter.parse("shop,read"), "name")).containsExactly("catalog");
    assertThat(ids(walk("consumers", PageRequest.first().withTags(TagFilter.parse("gold,silver")))))
        .containsExactlyElementsOf(sortedIds("consumers", e -> number(e) % 12 == 0));
  }

  @Test
  void aSlashTagFilterMatchesEntitiesCarryingAnyTag() {
    assertThat(names("services", TagFilter.parse("read/write"), "name")).containsExactlyInAnyOrder("catalog", "orders");
    assertThat(names("services", TagFilter.parse("shop"), "name")).containsExactlyInAnyOrder("catalog", "orders");
    assertThat(names("upstreams", TagFilter.parse("shop/internal"), "name")).containsExactly("orders-upstream");
  }

  @Test
  void aTagFilterFillsEveryPageAcrossTheWholeCollection() {
    PageRequest gold = PageRequest.first().withSize(10).withTags(TagFilter.parse("gold"));
    assertThat(ids(walk("consumers", gold))).containsExactlyElementsOf(sortedIds("consumers", e -> number(e) % 3 == 0));
  }

  @Test
  void aTagFilterMixingCommaAndSlashIsAnInvalidOption() {
    assertThatThrownBy(() -> TagFilter.parse("gold,silver/shop"))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(KongError.INVALID_OPTIONS));
  }

  @Test
  void listsTheRoutesOfOneService() {
    Entity catalog = only("services", s -> "catalog".equals(s.text("name")));
    PageRequest routes = PageRequest.first().withForeign("service", catalog.id());
    assertThat(ids(walk("routes", routes)))
        .containsExactlyElementsOf(sortedIds("routes", r -> catalog.id().equals(r.foreignId("service"))))
        .hasSize(3);
  }

  @Test
  void listsTheKeyAuthsOfOneConsumerAcrossPages() {
    Entity user = only("consumers", c -> ContractFixture.MANY_KEYS_USER.equals(c.text("username")));
    PageRequest keys = PageRequest.first().withSize(5).withForeign("consumer", user.id());
    assertThat(ids(walk("keyauth_credentials", keys)))
        .containsExactlyElementsOf(sortedIds("keyauth_credentials", k -> user.id().equals(k.foreignId("consumer"))))
        .hasSize(ContractFixture.MANY_KEYS);
  }

  @Test
  void aParentWithoutChildrenHasAnEmptyNestedListing() {
    Entity status = only("services", s -> "status".equals(s.text("name")));
    Page page = store().page("routes", PageRequest.first().withForeign("service", status.id()));
    assertThat(page.data()).isEmpty();
    assertThat(page.offset()).isEmpty();
  }

  @Test
  void countsEveryType() {
    for (EntitySchema schema : CONFIG.registry().ordered()) {
      assertThat(store().count(schema.name())).as(schema.name()).isEqualTo(CONFIG.count(schema.name()));
    }
    assertThat(store().count("consumers")).isEqualTo(ContractFixture.CONSUMERS);
  }

  @Test
  void exportEqualsTheLoadedConfigEntityByEntity() {
    Config exported = store().export();
    for (EntitySchema schema : CONFIG.registry().ordered()) {
      String type = schema.name();
      assertThat(exported.count(type)).as(type).isEqualTo(CONFIG.count(type));
      for (Entity expected : CONFIG.all(type)) {
        assertThat(exported.get(type, expected.id())).as(type + " " + expected.id())
            .hasValueSatisfying(e -> assertSameEntity(e, expected));
      }
    }
  }

  @Test
  void tagsWalksEveryTagOfEveryTaggedEntityByEntityIdThenPosition() {
    List<String> expected = new ArrayList<>();
    for (EntitySchema schema : CONFIG.registry().ordered()) {
      if (!schema.fields().containsKey("tags") || !schema.fields().get(schema.primaryKey()).isUuid()) {
        continue;
      }
      for (Entity e : CONFIG.all(schema.name())) {
        JsonNode tags = e.get("tags");
        for (int i = 0; tags.isArray() && i < tags.size(); i++) {
          expected.add(e.id() + String.format(" %03d ", i) + schema.name() + " " + tags.get(i).asText());
        }
      }
    }
    expected.sort(Comparator.naturalOrder());
    List<String> actual = new ArrayList<>();
    String last = null;
    int position = 0;
    for (Entity row : walkTags(Optional.empty(), 7)) {
      position = row.id().equals(last) ? position + 1 : 0;
      last = row.id();
      actual.add(row.id() + String.format(" %03d ", position) + row.text("entity_name") + " " + row.text("tag"));
    }
    assertThat(expected).isNotEmpty();
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  @Test
  void tagsOfOneTagListsTheEntitiesCarryingItOncePerEntity() {
    List<Entity> rows = walkTags(Optional.of("gold"), 10);
    assertThat(rows).allSatisfy(r -> assertThat(r.text("tag")).isEqualTo("gold"));
    assertThat(rows.stream().filter(r -> "consumers".equals(r.text("entity_name"))).map(Entity::id).toList())
        .containsExactlyElementsOf(sortedIds("consumers", e -> number(e) % 3 == 0));
    assertThat(ids(rows)).isSorted();
  }

  @Test
  void aGarbageTagsOffsetIsAnInvalidOffset() {
    assertThatThrownBy(() -> store().tags(Optional.empty(), PageRequest.first().withOffset(Offsets.encode("x"))))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(KongError.INVALID_OFFSET));
  }

  @Test
  void selectByUniqueFindsAConsumerByUsernameAndRefusesAFieldThatIsNotUnique() {
    Entity any = CONFIG.all("consumers").iterator().next();
    assertThat(store().selectByUnique("consumers", "username", any.text("username")).map(Entity::id))
        .contains(any.id());
    assertThat(store().selectByUnique("consumers", "username", "nobody-at-all")).isEmpty();
    assertThatThrownBy(() -> store().selectByUnique("consumers", "tags", "x"))
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(KongError.INVALID_OPTIONS));
  }

  private List<Entity> walkTags(Optional<String> tag, int size) {
    List<Entity> out = new ArrayList<>();
    PageRequest request = PageRequest.first().withSize(size);
    while (true) {
      Page page = store().tags(tag, request);
      assertThat(page.data().size()).isLessThanOrEqualTo(size);
      out.addAll(page.data());
      if (page.offset().isEmpty()) {
        return out;
      }
      request = request.withOffset(page.offset().get());
    }
  }

  private List<Entity> walk(String type, PageRequest first) {
    return walk(store(), type, first);
  }

  /**
   * Every entity of the listing, page by page. Every page but the last is full and has an offset,
   * and keys rise strictly across pages, so a store that serves a page twice fails instead of
   * looping forever.
   */
  protected static List<Entity> walk(Store store, String type, PageRequest first) {
    List<Entity> out = new ArrayList<>();
    PageRequest request = first;
    String last = null;
    while (true) {
      Page page = store.page(type, request);
      for (Entity e : page.data()) {
        if (last != null) {
          assertThat(e.id()).as("keys rise strictly across pages").isGreaterThan(last);
        }
        last = e.id();
        out.add(e);
      }
      if (page.offset().isEmpty()) {
        return out;
      }
      assertThat(page.data()).as("a page followed by another is full").hasSize(first.size());
      request = request.withOffset(page.offset().get());
    }
  }

  /** Same type, id and fields; numbers compare by value, so a store may widen an int to a long. */
  protected static void assertSameEntity(Entity actual, Entity expected) {
    assertThat(actual.type()).isEqualTo(expected.type());
    assertThat(actual.id()).isEqualTo(expected.id());
    assertThat(actual.fields().equals(NUMBERS_BY_VALUE, expected.fields()))
        .as("fields of %s %s:%n  actual   %s%n  expected %s", expected.type(), expected.id(), actual.fields(), expected.fields())
        .isTrue();
  }

  private List<String> names(String type, TagFilter filter, String field) {
    return walk(type, PageRequest.first().withTags(filter)).stream().map(e -> e.text(field)).toList();
  }

  private static List<String> ids(List<Entity> entities) {
    return entities.stream().map(Entity::id).toList();
  }

  private static List<String> sortedIds(String type, Predicate<Entity> filter) {
    return CONFIG.all(type).stream().filter(filter).map(Entity::id).sorted().toList();
  }

  private static Entity only(String type, Predicate<Entity> filter) {
    List<Entity> found = CONFIG.all(type).stream().filter(filter).toList();
    assertThat(found).as("fixture " + type).hasSize(1);
    return found.get(0);
  }

  private static int number(Entity consumer) {
    return Integer.parseInt(Optional.ofNullable(consumer.text("username")).orElseThrow().substring("user-".length()));
  }
}
