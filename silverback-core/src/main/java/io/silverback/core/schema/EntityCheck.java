package io.silverback.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A cross-field rule of a record (Kong's {@code entity_checks}).
 *
 * <p>Kong runs a check only on the fields it names, and skips it in three cases, which {@link
 * #run} reproduces: when one of those fields already failed validation (unless the check runs on
 * invalid fields), when none of them is present, and when a field it requires is absent (that
 * field then reports {@value Messages#REQUIRED_FOR_ENTITY_CHECK}). Factories are in {@link
 * EntityChecks}.
 */
public abstract class EntityCheck {
  private final List<String> fields;
  private final Set<String> requiredFields;
  private final boolean runWithMissingFields;
  private final boolean runWithInvalidFields;

  protected EntityCheck(
      List<String> fields, Set<String> requiredFields, boolean runWithMissingFields, boolean runWithInvalidFields) {
    this.fields = List.copyOf(fields);
    this.requiredFields = Set.copyOf(requiredFields);
    this.runWithMissingFields = runWithMissingFields;
    this.runWithInvalidFields = runWithInvalidFields;
  }

  /** The fields this check reads. */
  public List<String> fields() {
    return fields;
  }

  /** What a check sees of the record being validated. */
  public interface Context {
    ObjectNode input();

    /** The field definition at a dotted path, subschema fields first. */
    Optional<Field> field(String dotted);

    ErrorTree errors();

    boolean fullCheck();

    /** Validates {@code value} against {@code field}; the first error, or empty. */
    Optional<String> validate(Field field, JsonNode value);

    /** Whether {@code value} passes {@code field}, without building messages. */
    boolean matches(Field field, JsonNode value);
  }

  /**
   * Evaluates the rule once its preconditions hold.
   *
   * @return the entity-level message, or empty when the record passes
   */
  protected abstract Optional<String> evaluate(Context ctx);

  /** Runs the check with Kong's preconditions, adding failures to {@code ctx.errors()}. */
  public final void run(Context ctx) {
    boolean allAbsent = true;
    boolean anyInvalid = false;
    List<String> missing = new java.util.ArrayList<>();
    for (String name : fields) {
      JsonNode value = Json.path(ctx.input(), name);
      if (value == null) {
        if (!runWithMissingFields && requiredFields.contains(name)) {
          missing.add(name);
        }
      } else {
        allAbsent = false;
        if (value.isTextual() && VaultReference.is(value.textValue())
            && ctx.field(name).map(Field::referenceable).orElse(false)) {
          return;
        }
      }
      if (ctx.errors().get(name) != null) {
        anyInvalid = true;
      }
    }
    if (anyInvalid && !runWithInvalidFields) {
      return;
    }
    if (allAbsent && !(runWithMissingFields && ctx.fullCheck())) {
      return;
    }
    if (!missing.isEmpty()) {
      missing.forEach(m -> ctx.errors().putPath(m, Messages.REQUIRED_FOR_ENTITY_CHECK));
      return;
    }
    evaluate(ctx).ifPresent(ctx.errors()::addEntityError);
  }

  /** A check given as a function of the record (Kong's {@code custom_entity_check}). */
  static final class Custom extends EntityCheck {
    private final Function<ObjectNode, Optional<String>> fn;

    Custom(List<String> fields, boolean runWithMissing, Function<ObjectNode, Optional<String>> fn) {
      super(fields, Set.copyOf(fields), runWithMissing, false);
      this.fn = fn;
    }

    @Override
    protected Optional<String> evaluate(Context ctx) {
      return fn.apply(ctx.input());
    }
  }
}
