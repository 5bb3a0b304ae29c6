package io.silverback.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;

/**
 * A write-only input field that expands into real fields before validation (Kong's
 * {@code shorthand_fields}), such as a service's {@code url}.
 *
 * <p>A deprecated shorthand (Kong's {@code deprecation.replaced_with}) names the fields that
 * replace it. Its value must then agree with theirs when both are given, and it only fills
 * what the input leaves absent or null, where a plain shorthand overrides.
 *
 * @param name the input key
 * @param type the field definition the input value is checked against first
 * @param expand turns the value into the fields it stands for
 * @param replacedWith the dotted paths of the fields that replace a deprecated shorthand; empty
 *     for a plain shorthand
 */
public record Shorthand(String name, Field type, Function<JsonNode, ObjectNode> expand, List<String> replacedWith) {
  public Shorthand {
    replacedWith = List.copyOf(replacedWith);
  }

  /** A plain shorthand, whose expansion overrides explicit fields. */
  public Shorthand(String name, Field type, Function<JsonNode, ObjectNode> expand) {
    this(name, type, expand, List.of());
  }

  /** A deprecated shorthand replaced by the fields at {@code replacedWith} (dotted paths). */
  public static Shorthand deprecated(
      String name, Field type, Function<JsonNode, ObjectNode> expand, String... replacedWith) {
    return new Shorthand(name, type, expand, List.of(replacedWith));
  }

  /** Whether this shorthand is deprecated in favour of {@link #replacedWith()}. */
  public boolean isDeprecated() {
    return !replacedWith.isEmpty();
  }
}
