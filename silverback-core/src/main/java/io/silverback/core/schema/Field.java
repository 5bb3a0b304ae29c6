package io.silverback.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One field definition of Kong's schema language: a type, presence rules, a default and an
 * ordered list of validators.
 *
 * <p>A field has no name: the {@link RecordSchema} that holds it names it. Fields are immutable
 * and built with the static factories ({@link #string()}, {@link #integer()}, ...) and a
 * {@link Builder}; {@link #toBuilder()} derives a variant (Kong's {@code typedefs.x { ... }}).
 * Validators run in Kong's {@code validators_order}, which the builder enforces whatever order
 * they are declared in.
 */
public final class Field {
  private final FieldType type;
  private final boolean required;
  private final JsonNode defaultValue;
  private final boolean auto;
  private final boolean unique;
  private final boolean uniqueAcrossWorkspaces;
  private final boolean referenceable;
  private final boolean sensitive;
  private final boolean transientField;
  private final boolean uuid;
  private final boolean timestamp;
  private final boolean eqNull;
  private final boolean neNull;
  private final String err;
  private final Field elements;
  private final Field keys;
  private final Field values;
  private final RecordSchema record;
  private final String reference;
  private final OnDelete onDelete;
  private final FieldRules.Spec rules;

  private Field(Builder b) {
    this.type = b.type;
    this.required = b.required;
    this.defaultValue = b.defaultValue;
    this.auto = b.auto;
    this.unique = b.unique;
    this.uniqueAcrossWorkspaces = b.uniqueAcrossWorkspaces;
    this.referenceable = b.referenceable;
    this.sensitive = b.sensitive;
    this.transientField = b.transientField;
    this.uuid = b.uuid;
    this.timestamp = b.timestamp;
    this.eqNull = b.eqNull;
    this.neNull = b.neNull;
    this.err = b.err;
    this.elements = b.elements;
    this.keys = b.keys;
    this.values = b.values;
    this.record = b.record;
    this.reference = b.reference;
    this.onDelete = b.onDelete;
    this.rules = b.rules.copy();
  }

  /** What happens to a referencing entity when the referenced one is deleted. */
  public enum OnDelete {
    /** Deleting the parent is refused while children reference it (Kong's default). */
    RESTRICT,
    /** Deleting the parent deletes the children. */
    CASCADE
  }

  public static Builder string() {
    return new Builder(FieldType.STRING);
  }

  public static Builder integer() {
    return new Builder(FieldType.INTEGER);
  }

  public static Builder number() {
    return new Builder(FieldType.NUMBER);
  }

  public static Builder bool() {
    return new Builder(FieldType.BOOLEAN);
  }

  public static Builder any() {
    return new Builder(FieldType.ANY);
  }

  /** An array whose elements follow {@code elements}. */
  public static Builder array(Field elements) {
    return new Builder(FieldType.ARRAY).elements(elements);
  }

  /** A set: an array with duplicates removed on input. */
  public static Builder set(Field elements) {
    return new Builder(FieldType.SET).elements(elements);
  }

  /** A map from keys to values. */
  public static Builder map(Field keys, Field values) {
    return new Builder(FieldType.MAP).keys(keys).values(values);
  }

  /**
   * A nested record; required unless {@code optional()} is called, as Kong makes records of
   * entities required so that their full structure is always returned.
   */
  public static Builder record(RecordSchema record) {
    return new Builder(FieldType.RECORD).record(record).required();
  }

  /** A foreign key to the primary key of entity {@code reference}. */
  public static Builder foreign(String reference) {
    return new Builder(FieldType.FOREIGN).reference(reference);
  }

  /** A UUID string ({@code typedefs.uuid}: auto-generated when absent). */
  public static Builder uuid() {
    return new Builder(FieldType.STRING).uuidFlag().auto();
  }

  /** An automatic Unix timestamp in seconds ({@code typedefs.auto_timestamp_s}). */
  public static Builder timestamp() {
    return new Builder(FieldType.INTEGER).timestampFlag().auto();
  }

  /** An automatic Unix timestamp in milliseconds, as a number ({@code auto_timestamp_ms}). */
  public static Builder timestampMillis() {
    return new Builder(FieldType.NUMBER).timestampFlag().auto();
  }

  public FieldType type() {
    return type;
  }

  public boolean required() {
    return required;
  }

  /** The default; {@code NullNode} when the default is an explicit null. */
  public Optional<JsonNode> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public boolean auto() {
    return auto;
  }

  public boolean unique() {
    return unique;
  }

  public boolean uniqueAcrossWorkspaces() {
    return uniqueAcrossWorkspaces;
  }

  /** Whether the value may be a vault reference such as {@code {vault://env/x}}. */
  public boolean referenceable() {
    return referenceable;
  }

  /** Whether the value is secret (masked in logs, encrypted at rest once the keyring lands). */
  public boolean sensitive() {
    return sensitive;
  }

  /** Whether the field is accepted on input but never stored (certificates' {@code snis}). */
  public boolean isTransient() {
    return transientField;
  }

  public boolean isUuid() {
    return uuid;
  }

  public boolean isTimestamp() {
    return timestamp;
  }

  /** Whether the value must be null ({@code eq = null}). */
  public boolean mustBeNull() {
    return eqNull;
  }

  /** Whether the value must not be null ({@code ne = null}). */
  public boolean mustNotBeNull() {
    return neNull;
  }

  /** The custom message that replaces any validator's message ({@code err}). */
  public Optional<String> customError() {
    return Optional.ofNullable(err);
  }

  public Optional<Field> elements() {
    return Optional.ofNullable(elements);
  }

  public Optional<Field> keys() {
    return Optional.ofNullable(keys);
  }

  public Optional<Field> values() {
    return Optional.ofNullable(values);
  }

  public Optional<RecordSchema> record() {
    return Optional.ofNullable(record);
  }

  /** The referenced entity name of a foreign key. */
  public Optional<String> reference() {
    return Optional.ofNullable(reference);
  }

  public OnDelete onDelete() {
    return onDelete;
  }

  FieldRules.Spec rules() {
    return rules;
  }

  /**
   * Writes this field's validators to {@code out} under Kong's attribute names, as Kong's
   * {@code GET /schemas/{entity}} renders them ({@code one_of}, {@code between}, {@code match},
   * ...); patterns are shown as the Java regexes they are.
   */
  public void describeRules(com.fasterxml.jackson.databind.node.ObjectNode out) {
    rules.describe(out);
  }

  /** A builder holding this field's definition, to derive a variant. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds {@link Field}s. */
  public static final class Builder {
    private FieldType type;
    private boolean required;
    private JsonNode defaultValue;
    private boolean auto;
    private boolean unique;
    private boolean uniqueAcrossWorkspaces;
    private boolean referenceable;
    private boolean sensitive;
    private boolean transientField;
    private boolean uuid;
    private boolean timestamp;
    private boolean eqNull;
    private boolean neNull;
    private String err;
    private Field elements;
    private Field keys;
    private Field values;
    private RecordSchema record;
    private String reference;
    private OnDelete onDelete = OnDelete.RESTRICT;
    private final FieldRules.Spec rules;

    private Builder(FieldType type) {
      this.type = type;
      this.rules = new FieldRules.Spec();
    }

    private Builder(Field f) {
      this.type = f.type;
      this.required = f.required;
      this.defaultValue = f.defaultValue;
      this.auto = f.auto;
      this.unique = f.unique;
      this.uniqueAcrossWorkspaces = f.uniqueAcrossWorkspaces;
      this.referenceable = f.referenceable;
      this.sensitive = f.sensitive;
      this.transientField = f.transientField;
      this.uuid = f.uuid;
      this.timestamp = f.timestamp;
      this.eqNull = f.eqNull;
      this.neNull = f.neNull;
      this.err = f.err;
      this.elements = f.elements;
      this.keys = f.keys;
      this.values = f.values;
      this.record = f.record;
      this.reference = f.reference;
      this.onDelete = f.onDelete;
      this.rules = f.rules.copy();
    }

    public Builder required() {
      this.required = true;
      return this;
    }

    public Builder optional() {
      this.required = false;
      return this;
    }

    /** A default given as a Java value (String, Number, Boolean, List, Map) or JSON node. */
    public Builder defaultValue(Object value) {
      this.defaultValue = Json.toNode(value);
      return this;
    }

    /** An explicit {@code default = null}. */
    public Builder defaultNull() {
      this.defaultValue = NullNode.getInstance();
      return this;
    }

    public Builder auto() {
      this.auto = true;
      return this;
    }

    public Builder unique() {
      this.unique = true;
      return this;
    }

    public Builder uniqueAcrossWorkspaces() {
      this.unique = true;
      this.uniqueAcrossWorkspaces = true;
      return this;
    }

    public Builder referenceable() {
      this.referenceable = true;
      return this;
    }

    public Builder sensitive() {
      this.sensitive = true;
      return this;
    }

    public Builder transientField() {
      this.transientField = true;
      return this;
    }

    Builder uuidFlag() {
      this.uuid = true;
      return this;
    }

    Builder timestampFlag() {
      this.timestamp = true;
      return this;
    }

    public Builder mustBeNull() {
      this.eqNull = true;
      return this;
    }

    public Builder mustNotBeNull() {
      this.neNull = true;
      return this;
    }

    /** Replaces every validator's message with {@code message} (Kong's {@code err}). */
    public Builder err(String message) {
      this.err = message;
      return this;
    }

    public Builder elements(Field elements) {
      this.elements = elements;
      return this;
    }

    public Builder keys(Field keys) {
      this.keys = keys;
      return this;
    }

    public Builder values(Field values) {
      this.values = values;
      return this;
    }

    public Builder record(RecordSchema record) {
      this.record = record;
      return this;
    }

    public Builder reference(String entity) {
      this.reference = entity;
      return this;
    }

    public Builder onDeleteCascade() {
      this.onDelete = OnDelete.CASCADE;
      return this;
    }

    /** {@code one_of}: the value must be one of these (strings or numbers). */
    public Builder oneOf(Object... options) {
      rules.oneOf = List.of(options);
      return this;
    }

    /** {@code one_of} from a list. */
    public Builder oneOf(List<?> options) {
      rules.oneOf = List.copyOf(options);
      return this;
    }

    public Builder notOneOf(Object... options) {
      rules.notOneOf = List.of(options);
      return this;
    }

    /** {@code eq}: the value must equal this one. */
    public Builder eq(Object value) {
      rules.eq = Json.toNode(value);
      return this;
    }

    /** {@code ne}: the value must not equal this one. */
    public Builder ne(Object value) {
      rules.ne = Json.toNode(value);
      return this;
    }

    public Builder between(double min, double max) {
      rules.between = new double[] {min, max};
      return this;
    }

    public Builder gt(double limit) {
      rules.gt = limit;
      return this;
    }

    public Builder lenEq(int n) {
      rules.lenEq = n;
      return this;
    }

    public Builder lenMin(int n) {
      rules.lenMin = n;
      return this;
    }

    public Builder lenMax(int n) {
      rules.lenMax = n;
      return this;
    }

    public Builder startsWith(String prefix) {
      rules.startsWith = prefix;
      return this;
    }

    /** {@code match}: a Java regex that must be found in the value. */
    public Builder match(String regex) {
      rules.match = FieldRules.pattern(regex);
      return this;
    }

    /** {@code not_match}: a Java regex that must not be found in the value. */
    public Builder notMatch(String regex) {
      rules.notMatch = FieldRules.pattern(regex);
      return this;
    }

    /** {@code match_none}: none of these regexes may be found; each carries its message. */
    public Builder matchNone(String regex, String message) {
      rules.matchNone.add(new FieldRules.PatternRule(FieldRules.pattern(regex), message));
      return this;
    }

    /** {@code match_all}: every regex must be found; the first failing one gives its message. */
    public Builder matchAll(String regex, String message) {
      rules.matchAll.add(new FieldRules.PatternRule(FieldRules.pattern(regex), message));
      return this;
    }

    /** {@code match_any}: at least one regex must be found, else {@code message}. */
    public Builder matchAny(String message, String... regexes) {
      List<java.util.regex.Pattern> patterns = new ArrayList<>();
      for (String r : regexes) {
        patterns.add(FieldRules.pattern(r));
      }
      rules.matchAny = new FieldRules.AnyRule(patterns, message);
      return this;
    }

    /** {@code contains}: an array must contain this element. */
    public Builder contains(String element) {
      rules.contains = element;
      return this;
    }

    /** {@code uuid}: the string must be a UUID. */
    public Builder uuidFormat() {
      this.uuid = true;
      return this;
    }

    /** {@code mutually_exclusive_subsets}: the set's elements may come from one group only. */
    public Builder mutuallyExclusiveSubsets(List<List<String>> subsets) {
      rules.exclusiveSubsets = List.copyOf(subsets);
      return this;
    }

    /** {@code custom_validator} on a string value. */
    public Builder custom(Function<String, Optional<String>> validator) {
      rules.custom = v -> v.isTextual() ? validator.apply(v.textValue()) : Optional.empty();
      return this;
    }

    /** {@code custom_validator} on any value. */
    public Builder customNode(Function<JsonNode, Optional<String>> validator) {
      rules.custom = validator;
      return this;
    }

    public Field build() {
      return new Field(this);
    }
  }
}
