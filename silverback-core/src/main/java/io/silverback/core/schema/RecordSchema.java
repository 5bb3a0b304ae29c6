package io.silverback.core.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ordered set of named fields with their entity checks and shorthands: the body of an entity
 * schema, of a subschema (a plugin's fields, a route protocol family) or of a {@code record}
 * field.
 */
public class RecordSchema {
  private final Map<String, Field> fields;
  private final List<EntityCheck> checks;
  private final List<Shorthand> shorthands;
  private final List<Map.Entry<String, Field>> autoFields;
  private final Map<RecordSchema, Map<String, Field>> effective = new java.util.concurrent.ConcurrentHashMap<>();

  protected RecordSchema(Map<String, Field> fields, List<EntityCheck> checks, List<Shorthand> shorthands) {
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    this.checks = List.copyOf(checks);
    this.shorthands = List.copyOf(shorthands);
    List<Map.Entry<String, Field>> auto = new ArrayList<>();
    this.fields.forEach((name, f) -> {
      if (f.auto()) {
        auto.add(Map.entry(name, f));
      }
    });
    this.autoFields = List.copyOf(auto);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The fields in declaration order. */
  public Map<String, Field> fields() {
    return fields;
  }

  public Optional<Field> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  /**
   * The fields as seen through {@code subschema}: this schema's fields in order, replaced by the
   * subschema's where it redefines them. Computed once per subschema, since validation asks for
   * it on every record.
   */
  public Map<String, Field> effectiveFields(RecordSchema subschema) {
    if (subschema == null) {
      return fields;
    }
    return effective.computeIfAbsent(subschema, sub -> {
      Map<String, Field> merged = new LinkedHashMap<>(fields);
      sub.fields().forEach((name, f) -> {
        if (merged.containsKey(name)) {
          merged.put(name, f);
        }
      });
      return Collections.unmodifiableMap(merged);
    });
  }

  /** Looks up a dotted path ({@code config.policy}) through record fields. */
  public Optional<Field> fieldAt(String dotted) {
    int dot = dotted.indexOf('.');
    if (dot < 0) {
      return field(dotted);
    }
    return field(dotted.substring(0, dot))
        .flatMap(Field::record)
        .flatMap(r -> r.fieldAt(dotted.substring(dot + 1)));
  }

  /** The fields filled automatically (ids, timestamps, random secrets), in declaration order. */
  public List<Map.Entry<String, Field>> autoFields() {
    return autoFields;
  }

  public List<EntityCheck> checks() {
    return checks;
  }

  public List<Shorthand> shorthands() {
    return shorthands;
  }

  /** Builds a {@link RecordSchema}. */
  public static class Builder {
    final Map<String, Field> fields = new LinkedHashMap<>();
    final List<EntityCheck> checks = new ArrayList<>();
    final List<Shorthand> shorthands = new ArrayList<>();

    public Builder field(String name, Field field) {
      if (fields.put(name, field) != null) {
        throw new SchemaDefinitionException("field '%s' declared twice", name);
      }
      return this;
    }

    public Builder field(String name, Field.Builder field) {
      return field(name, field.build());
    }

    public Builder check(EntityCheck check) {
      checks.add(check);
      return this;
    }

    public Builder shorthand(Shorthand shorthand) {
      shorthands.add(shorthand);
      return this;
    }

    public RecordSchema build() {
      return new RecordSchema(fields, checks, shorthands);
    }
  }
}
