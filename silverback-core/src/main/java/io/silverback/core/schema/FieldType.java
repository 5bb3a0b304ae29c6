package io.silverback.core.schema;

/**
 * The value types of Kong's schema language ({@code kong/db/schema/init.lua}).
 *
 * <p>UUIDs and timestamps are not types of their own in Kong: they are strings with the
 * {@code uuid} flag and integers or numbers with the {@code timestamp} flag; see
 * {@link Field#uuid()} and {@link Field#timestamp()}.
 */
public enum FieldType {
  STRING("expected a string"),
  INTEGER("expected an integer"),
  NUMBER("expected a number"),
  BOOLEAN("expected a boolean"),
  ARRAY("expected an array"),
  SET("expected a set"),
  MAP("expected a map"),
  RECORD("expected a record"),
  /** A reference to another entity's primary key, written {@code {"id": "<uuid>"}}. */
  FOREIGN("expected a record"),
  /** Anything; only the validators run (Kong's internal {@code any}). */
  ANY("");

  private final String typeError;

  FieldType(String typeError) {
    this.typeError = typeError;
  }

  /** Kong's message for a value of the wrong type. */
  public String typeError() {
    return typeError;
  }
}
