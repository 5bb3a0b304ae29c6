package io.silverback.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.schema.ErrorTree;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kong's error bodies and messages, word for word (kong/db/errors.lua). */
class StoreErrorsTest {
  @Test
  void aUniqueViolationRendersTheKeyAsPenlightDoes() {
    StoreException e = StoreErrors.uniqueViolation("consumers", Map.of("username", "bo\"b"));
    assertThat(e.toBody().toString()).isEqualTo(
        "{\"code\":5,\"name\":\"unique constraint violation\",\"message\":\"UNIQUE violation detected on '{username=\\\"bo\\\\\\\"b\\\"}'\",\"fields\":{\"username\":\"bo\\\"b\"}}");
  }

  @Test
  void invalidOptionsCarryTheirDetailsUnderOptions() {
    StoreException e = StoreErrors.invalidOptions("tags", "cannot be null");
    assertThat(e.toBody().toString()).isEqualTo(
        "{\"code\":11,\"name\":\"invalid options\",\"message\":\"invalid option (tags: cannot be null)\",\"options\":{\"tags\":\"cannot be null\"}}");
  }

  @Test
  void severalSchemaViolationsAreCountedAndSortedWithEntityChecksFirst() {
    ErrorTree errors = new ErrorTree();
    errors.put("port", "value should be between 0 and 65535");
    errors.put("host", "required field missing");
    errors.addEntityError("at least one of these fields must be non-empty: 'a', 'b'");
    assertThat(StoreErrors.schemaViolation(errors).getMessage()).isEqualTo("3 schema violations ("
        + "at least one of these fields must be non-empty: 'a', 'b'; host: required field missing; "
        + "port: value should be between 0 and 65535)");
  }

  @Test
  void aRestrictedDeleteNamesTheReferencingEntity() {
    StoreException e = StoreErrors.foreignKeyRestricted("services", "routes");
    assertThat(e.toBody().toString()).isEqualTo("{\"code\":4,\"name\":\"foreign key violation\","
        + "\"message\":\"an existing 'routes' entity references this 'services' entity\",\"fields\":{\"@referenced_by\":\"routes\"}}");
  }
}
