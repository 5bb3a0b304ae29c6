package io.silverback.core.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Kong's validation message catalogue ({@code validation_errors} in kong/db/schema/init.lua),
 * verbatim, so that error bodies read the same as Kong's.
 */
public final class Messages {
  public static final String REQUIRED = "required field missing";
  public static final String UNKNOWN = "unknown field";
  public static final String IMMUTABLE = "immutable field cannot be updated";
  public static final String EQ = "value must be %s";
  public static final String NE = "value must not be %s";
  public static final String GT = "value must be greater than %s";
  public static final String BETWEEN = "value should be between %s and %s";
  public static final String LEN_EQ = "length must be %d";
  public static final String LEN_MIN = "length must be at least %d";
  public static final String LEN_MAX = "length must be at most %d";
  public static final String MATCH = "invalid value: %s";
  public static final String STARTS_WITH = "should start with: %s";
  public static final String CONTAINS = "expected to contain: %s";
  public static final String ONE_OF = "expected one of: %s";
  public static final String NOT_ONE_OF = "must not be one of: %s";
  public static final String TIMESTAMP = "expected a valid timestamp";
  public static final String UUID = "expected a valid UUID";
  public static final String VALIDATION = "failed validating: %s";
  public static final String REQUIRED_FOR_ENTITY_CHECK = "field required for entity check";
  public static final String CONDITIONAL = "failed conditional validation given value of field '%s'";
  public static final String AT_LEAST_ONE_OF = "at least one of these fields must be non-empty: %s";
  public static final String ONLY_ONE_OF = "exactly one of these fields must be non-empty: %s";
  public static final String DISTINCT = "values of these fields must be distinct: %s";
  public static final String MUTUALLY_REQUIRED = "all or none of these fields must be set: %s";
  public static final String MUTUALLY_EXCLUSIVE = "only one or none of these fields must be set: %s";
  public static final String MUTUALLY_EXCLUSIVE_SETS = "these sets are mutually exclusive: %s";
  public static final String SUBSCHEMA_UNKNOWN = "unknown type: %s";
  public static final String TRANSFORMATION_ERROR = "transformation failed: %s";
  public static final String DEPRECATED_MISMATCH =
      "both deprecated and new field are used but their values mismatch: %s = %s vs %s = %s";

  private Messages() {}

  /** Kong's {@code quoted_list}: {@code 'a', 'b', 'c'}. */
  public static String quotedList(List<String> words) {
    return words.stream().map(w -> "'" + w + "'").collect(Collectors.joining(", "));
  }
}
