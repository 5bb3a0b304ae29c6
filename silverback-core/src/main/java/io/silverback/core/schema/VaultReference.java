package io.silverback.core.schema;

/**
 * Recognizes Kong vault references ({@code {vault://<prefix>/<path>}}) in referenceable fields:
 * such values are stored as written and resolved at runtime, so validators skip them.
 */
public final class VaultReference {
  private static final String PREFIX = "{vault://";

  private VaultReference() {}

  /**
   * Whether {@code value} looks like a vault reference: it starts with {@code {vault://} and ends
   * with <code>}</code> (kong/pdk/vault.lua {@code is_reference}; {@code "{vault://}"} qualifies).
   *
   * @param value the field value; null is not a reference
   */
  public static boolean is(String value) {
    return value != null && value.startsWith(PREFIX) && value.endsWith("}");
  }
}
