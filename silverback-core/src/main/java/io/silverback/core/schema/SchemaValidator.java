package io.silverback.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a record against its schema the way Kong inserts one: shorthands are expanded,
 * defaults filled in, every field checked by type and validators, required fields enforced, then
 * the entity checks run (kong/db/schema/init.lua {@code process_auto_fields} + {@code validate}).
 *
 * <p>The input is normalized in place (defaults added, sets de-duplicated, whole numbers in
 * integer fields made integral), so a caller that gets an empty {@link ErrorTree} back holds a
 * record ready to store. One pass does both jobs because a second walk over 100k entities would
 * double the cost of a declarative load. Auto fields (ids, timestamps, random secrets) are not
 * filled here; see {@link AutoFields}.
 */
public final class SchemaValidator {
  /** How foreign-key fields of the entity itself are written. */
  public enum ForeignMode {
    /** As a primary-key object, {@code {"id": "<uuid>"}} (Admin API). */
    OBJECT,
    /** As a string reference by endpoint key or id, or a primary-key object (declarative, top level). */
    REFERENCE,
    /** Not at all: the entity is nested under its parent and every foreign key must be null. */
    NESTED
  }

  private static final String MISSING_PK = "missing primary key";

  private SchemaValidator() {}

  /**
   * Validates and normalizes an entity for insertion.
   *
   * @param schema the entity's schema
   * @param input the entity as written; normalized in place
   * @param mode how the input writes its foreign keys
   * @return the errors, empty when the entity is valid
   */
  public static ErrorTree validateEntity(EntitySchema schema, ObjectNode input, ForeignMode mode) {
    return processTop(schema, input, mode, Set.of());
  }

  /**
   * Validates an entity whose input also carries keys that belong to a surrounding format (a
   * declarative record's nested children, {@code _comment}): those are left as they are, neither
   * validated nor reported as unknown, and win over a field of the same name.
   *
   * @param passThrough the keys to leave alone
   */
  public static ErrorTree validateEntity(EntitySchema schema, ObjectNode input, ForeignMode mode, Set<String> passThrough) {
    return processTop(schema, input, mode, passThrough);
  }

  /** Validates and normalizes a plain record (no foreign keys, no subschema). */
  public static ErrorTree validateRecord(RecordSchema schema, ObjectNode input) {
    return processTop(schema, input, ForeignMode.OBJECT, Set.of());
  }

  /**
   * A shorthand of a nested record failed. Kong expands shorthands of every nested record before
   * validating anything ({@code process_auto_fields}) and returns the first nested record's
   * shorthand errors as the whole result, unprefixed: {@code {"redis_port": "expected an
   * integer"}} for a plugin's {@code config.redis_port}.
   */
  private static final class ShorthandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ErrorTree errors;

    ShorthandFailure(ErrorTree errors) {
      super(null, null, false, false);
      this.errors = errors;
    }
  }

  private static ErrorTree processTop(RecordSchema schema, ObjectNode input, ForeignMode mode, Set<String> passThrough) {
    try {
      return processRecord(schema, input, mode, true, passThrough);
    } catch (ShorthandFailure f) {
      return f.errors;
    }
  }

  /**
   * Validates one value against a field definition, normalizing nothing.
   *
   * @return empty when valid, else the first message (nested errors are rendered as JSON)
   */
  public static Optional<String> validateValue(Field field, JsonNode value) {
    return validateQuietly(field, value == null ? NullNode.getInstance() : value.deepCopy());
  }

  private static Optional<String> validateQuietly(Field field, JsonNode value) {
    try {
      Object err = validateField(field, value, ForeignMode.OBJECT, false);
      return err == null ? Optional.empty() : Optional.of(err.toString());
    } catch (ShorthandFailure f) {
      return Optional.of(f.errors.toString());
    }
  }

  private static ErrorTree processRecord(
      RecordSchema base, ObjectNode input, ForeignMode mode, boolean top, Set<String> passThrough) {
    ErrorTree errors = new ErrorTree();
    Shorthands.apply(base, input, errors);
    if (!errors.isEmpty()) {
      if (!top) {
        throw new ShorthandFailure(errors);
      }
      return errors;
    }
    EntitySchema entity = base instanceof EntitySchema e ? e : null;
    RecordSchema sub = entity == null ? null : subschemaOf(entity, input);
    fillDefaults(base.effectiveFields(sub), input, mode);
    if (entity != null && entity.subschemaKey().isPresent()) {
      String key = entity.subschemaKey().get();
      JsonNode keyValue = input.get(key);
      if (Json.isNull(keyValue)) {
        return errors.put(key, Messages.REQUIRED);
      }
      sub = subschemaOf(entity, input);
      if (sub == null) {
        String shown = !keyValue.isArray() ? Json.display(keyValue)
            : keyValue.size() > 0 ? Json.display(keyValue.get(0)) : "nil"; // Lua prints a missing key[1] as nil
        return errors.put(key, String.format(entity.subschemaError(), shown));
      }
    }
    Map<String, Field> fields = base.effectiveFields(sub);
    validateFields(fields, entity != null && entity.ttl(), input, mode, errors, passThrough);
    checkRequired(fields, input, mode, errors);
    runChecks(base, sub, fields, input, errors);
    return errors;
  }

  private static RecordSchema subschemaOf(EntitySchema schema, ObjectNode input) {
    if (schema.subschemaKey().isEmpty()) {
      return null;
    }
    JsonNode key = input.get(schema.subschemaKey().get());
    if (key == null) {
      return null;
    }
    if (key.isTextual()) {
      return schema.subschema(key.textValue()).orElse(null);
    }
    if (key.isArray()) {
      for (JsonNode k : key) {
        if (k.isTextual()) {
          Optional<RecordSchema> s = schema.subschema(k.textValue());
          if (s.isPresent()) {
            return s.get();
          }
        }
      }
    }
    return null;
  }

  private static void fillDefaults(Map<String, Field> fields, ObjectNode input, ForeignMode mode) {
    for (Map.Entry<String, Field> e : fields.entrySet()) {
      String name = e.getKey();
      if (input.has(name)) {
        continue;
      }
      Field f = e.getValue();
      if (f.auto()) {
        continue; // filled after validation, see AutoFields
      }
      if (f.type() == FieldType.FOREIGN && mode == ForeignMode.NESTED) {
        input.set(name, NullNode.getInstance());
      } else if (f.defaultValue().isPresent()) {
        input.set(name, f.defaultValue().get().deepCopy());
      } else if (!f.required()) {
        input.set(name, NullNode.getInstance());
      } else if (f.type() == FieldType.RECORD) {
        input.set(name, Json.object());
      }
    }
  }

  private static void validateFields(Map<String, Field> fields, boolean ttl, ObjectNode input, ForeignMode mode,
      ErrorTree errors, Set<String> passThrough) {
    for (java.util.Iterator<Map.Entry<String, JsonNode>> it = input.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      Field f = fields.get(name);
      if ((f == null || f.isTransient()) && !passThrough.isEmpty() && passThrough.contains(name)) {
        continue;
      }
      if (f == null) {
        if (ttl && name.equals("ttl")) {
          validateTtl(entry.getValue(), errors);
        } else if (name.equals("updated_at")) {
          it.remove(); // Kong never validates updated_at; where the entity has none, it is dropped
        } else {
          errors.put(name, Messages.UNKNOWN);
        }
        continue;
      }
      JsonNode value = entry.getValue();
      JsonNode normalized = normalize(f, value);
      if (normalized != value) {
        entry.setValue(normalized);
      }
      Object err = f.type() == FieldType.FOREIGN ? validateForeign(f, normalized, mode) : validateField(f, normalized, mode, false);
      if (err != null) {
        putError(errors, name, err);
      }
    }
  }

  /**
   * {@code ttl} of entities that may expire: seconds from now through the Admin API, an absolute
   * epoch in declarative files and exports (Kong does not validate it; a number is required here).
   */
  private static void validateTtl(JsonNode ttl, ErrorTree errors) {
    if (!ttl.isNull() && !(ttl.isNumber() && ttl.doubleValue() >= 0)) {
      errors.put("ttl", ttl.isNumber() ? "value must be greater than or equal to 0" : FieldType.NUMBER.typeError());
    }
  }

  private static void checkRequired(Map<String, Field> fields, ObjectNode input, ForeignMode mode, ErrorTree errors) {
    for (Map.Entry<String, Field> e : fields.entrySet()) {
      String name = e.getKey();
      Field f = e.getValue();
      boolean nestedForeign = mode == ForeignMode.NESTED && f.type() == FieldType.FOREIGN;
      if (f.required() && !nestedForeign && Json.isNull(input.get(name))) {
        errors.put(name, Messages.REQUIRED);
      }
    }
  }

  private static void runChecks(
      RecordSchema base, RecordSchema sub, Map<String, Field> fields, ObjectNode input, ErrorTree errors) {
    if (base.checks().isEmpty() && (sub == null || sub.checks().isEmpty())) {
      return;
    }
    EntityCheck.Context ctx = new CheckContext(fields, input, errors);
    for (EntityCheck c : base.checks()) {
      c.run(ctx);
    }
    if (sub != null) {
      for (EntityCheck c : sub.checks()) {
        c.run(ctx);
      }
    }
  }

  private record CheckContext(Map<String, Field> fields, ObjectNode input, ErrorTree errors)
      implements EntityCheck.Context {
    @Override
    public Optional<Field> field(String dotted) {
      int dot = dotted.indexOf('.');
      String head = dot < 0 ? dotted : dotted.substring(0, dot);
      Field f = fields.get(head);
      if (f == null || dot < 0) {
        return Optional.ofNullable(f);
      }
      return f.record().flatMap(r -> r.fieldAt(dotted.substring(dot + 1)));
    }

    @Override
    public boolean fullCheck() {
      return true;
    }

    @Override
    public Optional<String> validate(Field field, JsonNode value) {
      return validateQuietly(field, value == null ? NullNode.getInstance() : value);
    }

    @Override
    public boolean matches(Field field, JsonNode value) {
      try {
        return validateField(field, value == null ? NullNode.getInstance() : value, ForeignMode.OBJECT, true) == null;
      } catch (ShorthandFailure f) {
        return false;
      }
    }
  }

  private static void putError(ErrorTree errors, Object key, Object err) {
    if (err instanceof ErrorTree t) {
      errors.put(key, t);
    } else {
      errors.put(key, (String) err);
    }
  }

  /** Whole numbers in integer fields become integral; sets lose duplicates (Kong's make_set). */
  private static JsonNode normalize(Field f, JsonNode value) {
    if (f.type() == FieldType.INTEGER && value.isFloatingPointNumber() && Json.isWhole(value.doubleValue())) {
      return Json.integer((long) value.doubleValue());
    }
    if (f.type() == FieldType.SET && value.isArray() && value.size() > 1) {
      Set<JsonNode> seen = new HashSet<>();
      ArrayNode out = null;
      for (int i = 0; i < value.size(); i++) {
        JsonNode e = value.get(i);
        if (!seen.add(e)) {
          if (out == null) {
            out = Json.array();
            for (int j = 0; j < i; j++) {
              out.add(value.get(j));
            }
          }
        } else if (out != null) {
          out.add(e);
        }
      }
      return out == null ? value : out;
    }
    return value;
  }

  /** Returns null when valid, a message, or an {@link ErrorTree} for nested errors. */
  static Object validateField(Field f, JsonNode value, ForeignMode mode, boolean quiet) {
    if (value.isNull()) {
      if (f.mustNotBeNull()) {
        return f.customError().orElse(String.format(Messages.NE, "null"));
      }
      return f.required() ? Messages.REQUIRED : null;
    }
    if (f.mustBeNull()) {
      return f.customError().orElse(String.format(Messages.EQ, "null"));
    }
    Object typeErr = checkType(f, value, mode, quiet);
    if (typeErr != null) {
      return typeErr;
    }
    if (f.type() == FieldType.STRING && f.referenceable() && VaultReference.is(value.textValue())) {
      return null;
    }
    String err = f.rules().check(f, value, quiet);
    return err == null ? null : quiet ? err : f.customError().orElse(err);
  }

  private static Object checkType(Field f, JsonNode value, ForeignMode mode, boolean quiet) {
    switch (f.type()) {
      case STRING:
        return value.isTextual() ? null : f.type().typeError();
      case INTEGER:
        return value.isIntegralNumber() || (value.isFloatingPointNumber() && Json.isWhole(value.doubleValue()))
            ? null
            : f.type().typeError();
      case NUMBER:
        return value.isNumber() ? null : f.type().typeError();
      case BOOLEAN:
        return value.isBoolean() ? null : f.type().typeError();
      case ARRAY:
      case SET:
        return value.isArray() ? validateElements(f, (ArrayNode) value, mode, quiet) : f.type().typeError();
      case MAP:
        return value.isObject() ? validateMap(f, (ObjectNode) value, mode, quiet) : f.type().typeError();
      case RECORD:
        if (!value.isObject()) {
          return f.type().typeError();
        }
        ErrorTree errs = processRecord(f.record().orElseThrow(), (ObjectNode) value, mode, false, Set.of());
        return errs.isEmpty() ? null : errs;
      case FOREIGN:
        return validateForeign(f, value, mode);
      default:
        return null;
    }
  }

  private static Object validateElements(Field f, ArrayNode array, ForeignMode mode, boolean quiet) {
    Field elements = f.elements().orElseThrow();
    ErrorTree errs = null;
    for (int i = 0; i < array.size(); i++) {
      JsonNode e = array.get(i);
      JsonNode n = normalize(elements, e);
      if (n != e) {
        array.set(i, n);
      }
      Object err = n.isNull() ? Messages.REQUIRED : validateField(elements, n, mode, quiet);
      if (err != null && quiet) {
        return FieldRules.FAILED;
      }
      if (err != null) {
        if (errs == null) {
          errs = new ErrorTree();
        }
        putError(errs, i + 1, err);
      }
    }
    return errs;
  }

  private static Object validateMap(Field f, ObjectNode map, ForeignMode mode, boolean quiet) {
    Field keys = f.keys().orElseThrow();
    Field values = f.values().orElseThrow();
    List<String> names = new ArrayList<>(map.size());
    map.fieldNames().forEachRemaining(names::add);
    for (String k : names) {
      Object err = validateField(keys, Json.NODES.textNode(k), mode, quiet);
      if (err != null) {
        return err;
      }
      JsonNode v = map.get(k);
      JsonNode n = normalize(values, v);
      if (n != v) {
        map.set(k, n);
      }
      err = n.isNull() ? Messages.REQUIRED : validateField(values, n, mode, quiet);
      if (err != null) {
        return err;
      }
    }
    return null;
  }

  private static Object validateForeign(Field f, JsonNode value, ForeignMode mode) {
    if (value.isNull()) {
      return f.required() && mode != ForeignMode.NESTED ? Messages.REQUIRED : null;
    }
    if (f.mustBeNull()) {
      return f.customError().orElse(String.format(Messages.EQ, "null"));
    }
    if (mode == ForeignMode.NESTED) {
      return String.format(Messages.EQ, "null");
    }
    if (mode == ForeignMode.REFERENCE && value.isTextual()) {
      return value.textValue().isEmpty() ? String.format(Messages.LEN_MIN, 1) : null;
    }
    if (!value.isObject()) {
      // Kong checks any other value as a primary key, in which it finds no id
      return mode == ForeignMode.REFERENCE ? FieldType.STRING.typeError() : new ErrorTree().put("id", MISSING_PK);
    }
    JsonNode id = value.get("id");
    if (mode == ForeignMode.OBJECT && id == null && value.size() > 0) {
      return null; // a reference by endpoint key, resolved by the store
    }
    if (id == null) {
      return new ErrorTree().put("id", MISSING_PK);
    }
    if (id.isNull()) {
      return new ErrorTree().put("id", Messages.REQUIRED);
    }
    if (!id.isTextual()) {
      return new ErrorTree().put("id", FieldType.STRING.typeError());
    }
    return FieldRules.isUuid(id.textValue()) ? null : new ErrorTree().put("id", Messages.UUID);
  }
}
