package io.silverback.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorTreeTest {
  private static ErrorTree serviceErrors() {
    ErrorTree t = new ErrorTree();
    t.child("services").child(1)
        .put("host", "required field missing")
        .put("port", "value should be between 0 and 65535");
    return t;
  }

  @Test
  void rendersIndexedErrorsAsJsonArrays() {
    assertThat(serviceErrors().toJson().toString())
        .isEqualTo("{\"services\":[{\"host\":\"required field missing\","
            + "\"port\":\"value should be between 0 and 65535\"}]}");
  }

  @Test
  void rendersHolesInArraysAsNulls() {
    ErrorTree t = new ErrorTree();
    t.child("services").put(2, "uniqueness violation");
    assertThat(t.toJson().toString()).isEqualTo("{\"services\":[null,\"uniqueness violation\"]}");
  }

  @Test
  void rendersVerySparseIndicesAsAnObjectAsLuaCjsonDoes() {
    ErrorTree t = new ErrorTree();
    t.child("services").put(50, "bad");
    assertThat(t.toJson().toString()).isEqualTo("{\"services\":{\"50\":\"bad\"}}");
  }

  @Test
  void rendersPenlightCompactFormForKongMessages() {
    assertThat(serviceErrors().toPretty())
        .isEqualTo("{services={{host=\"required field missing\",port=\"value should be between 0 and 65535\"}}}");
    ErrorTree sparse = new ErrorTree();
    sparse.child("services").put(2, "uniqueness violation: 'services' entity");
    assertThat(sparse.toPretty()).isEqualTo("{services={[2]=\"uniqueness violation: 'services' entity\"}}");
  }

  @Test
  void quotesKeysThatAreNotIdentifiersInPenlightForm() {
    ErrorTree t = new ErrorTree();
    t.addEntityError("must set one of 'methods'");
    assertThat(t.toPretty()).isEqualTo("{[\"@entity\"]={\"must set one of 'methods'\"}}");
  }

  @Test
  void rendersTheCliReportIndentedTwoSpacesPerLevel() {
    ErrorTree t = serviceErrors();
    t.child("services").child(1).put("routes", "expected an array");
    assertThat(t.toReport()).isEqualTo(String.join("\n",
        "in 'services':",
        "  - in entry 1 of 'services':",
        "    in 'host': required field missing",
        "    in 'port': value should be between 0 and 65535",
        "    in 'routes': expected an array"));
  }

  @Test
  void putPathNestsDottedFieldNames() {
    ErrorTree t = new ErrorTree();
    t.putPath("config.redis.host", "required field missing");
    assertThat(t.toJson().toString()).isEqualTo("{\"config\":{\"redis\":{\"host\":\"required field missing\"}}}");
  }

  @Test
  void mergeKeepsBothSidesAndPrefersTheOtherOnConflict() {
    ErrorTree a = new ErrorTree();
    a.child("x").put("a", "1");
    a.put("y", "old");
    ErrorTree b = new ErrorTree();
    b.child("x").put("b", "2");
    b.put("y", "new");
    a.merge(b);
    assertThat(a.toJson().toString()).isEqualTo("{\"x\":{\"a\":\"1\",\"b\":\"2\"},\"y\":\"new\"}");
  }
}
