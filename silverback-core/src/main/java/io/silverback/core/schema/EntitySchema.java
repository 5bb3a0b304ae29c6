package io.silverback.core.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The schema of one entity type (services, routes, plugins, ...): its fields plus what Kong's
 * DAO layer knows about it (primary key, endpoint key, cache key, subschemas, transformations).
 */
public final class EntitySchema extends RecordSchema {
  private final String name;
  private final String primaryKey;
  private final String endpointKey;
  private final List<String> cacheKey;
  private final boolean workspaceable;
  private final boolean ttl;
  private final boolean dbExport;
  private final String adminApiName;
  private final String adminApiNestedName;
  private final String subschemaKey;
  private final Function<String, Optional<RecordSchema>> subschemas;
  private final String subschemaError;
  private final List<Transformation> transformations;
  private final List<List<String>> transformationInputs;
  private final List<Map.Entry<String, Field>> foreignKeys;
  private final List<String> uniqueFields;

  private EntitySchema(Builder b) {
    super(b.fields, b.checks, b.shorthands);
    this.name = b.name;
    this.primaryKey = b.primaryKey;
    this.endpointKey = b.endpointKey;
    this.cacheKey = List.copyOf(b.cacheKey);
    this.workspaceable = b.workspaceable;
    this.ttl = b.ttl;
    this.dbExport = b.dbExport;
    this.adminApiName = b.adminApiName == null ? b.name : b.adminApiName;
    this.adminApiNestedName = b.adminApiNestedName == null ? this.adminApiName : b.adminApiNestedName;
    this.subschemaKey = b.subschemaKey;
    this.subschemas = b.subschemas;
    this.subschemaError = b.subschemaError;
    this.transformations = List.copyOf(b.transformations);
    this.transformationInputs = List.copyOf(b.transformationInputs);
    List<Map.Entry<String, Field>> fks = new ArrayList<>();
    List<String> uniques = new ArrayList<>();
    for (Map.Entry<String, Field> e : fields().entrySet()) {
      if (e.getValue().type() == FieldType.FOREIGN) {
        fks.add(Map.entry(e.getKey(), e.getValue()));
      }
      if (e.getValue().unique()) {
        uniques.add(e.getKey());
      }
    }
    this.foreignKeys = List.copyOf(fks);
    this.uniqueFields = List.copyOf(uniques);
    if (!fields().containsKey(primaryKey)) {
      throw new SchemaDefinitionException("%s: primary key '%s' is not a field", name, primaryKey);
    }
  }

  /** Starts an entity schema named after its table ({@code services}). */
  public static Builder entity(String name) {
    return new Builder(name);
  }

  /** A change applied to a valid entity when {@code _transform} is true (password hashing). */
  @FunctionalInterface
  public interface Transformation {
    void apply(ObjectNode entity);
  }

  public String name() {
    return name;
  }

  public String primaryKey() {
    return primaryKey;
  }

  /** The field that may stand for the primary key in URLs and references ({@code name}). */
  public Optional<String> endpointKey() {
    return Optional.ofNullable(endpointKey);
  }

  /** Whether the endpoint key is unique, so that it can resolve references. */
  public boolean endpointKeyIsUnique() {
    return endpointKey != null && fields().get(endpointKey).unique();
  }

  public List<String> cacheKey() {
    return cacheKey;
  }

  public boolean workspaceable() {
    return workspaceable;
  }

  /** Whether entities may carry a {@code ttl}. */
  public boolean ttl() {
    return ttl;
  }

  /** Whether declarative exports include this entity. */
  public boolean dbExport() {
    return dbExport;
  }

  /** The collection name of the Admin API ({@code key-sets} for {@code key_sets}). */
  public String adminApiName() {
    return adminApiName;
  }

  /** The collection name under a parent ({@code /consumers/{c}/key-auth}). */
  public String adminApiNestedName() {
    return adminApiNestedName;
  }

  public Optional<String> subschemaKey() {
    return Optional.ofNullable(subschemaKey);
  }

  /** The subschema named {@code key} (a plugin name, a route protocol). */
  public Optional<RecordSchema> subschema(String key) {
    return subschemas == null ? Optional.empty() : subschemas.apply(key);
  }

  /** The message for an unknown subschema; {@code %s} is the key's value. */
  public String subschemaError() {
    return subschemaError;
  }

  /**
   * The transformations an update that writes {@code written} must run: those without declared
   * input fields, and those whose input it writes.
   */
  public List<Transformation> transformationsFor(Set<String> written) {
    List<Transformation> out = new ArrayList<>();
    for (int i = 0; i < transformations.size(); i++) {
      List<String> input = transformationInputs.get(i);
      if (input.isEmpty() || input.stream().anyMatch(written::contains)) {
        out.add(transformations.get(i));
      }
    }
    return out;
  }

  public List<Transformation> transformations() {
    return transformations;
  }

  /** The foreign-key fields, in declaration order. */
  public List<Map.Entry<String, Field>> foreignKeys() {
    return foreignKeys;
  }

  /** The names of the fields whose values must be unique, in declaration order. */
  public List<String> uniqueFields() {
    return uniqueFields;
  }

  @Override
  public String toString() {
    return "EntitySchema[" + name + "]";
  }

  /** Builds an {@link EntitySchema}. */
  public static final class Builder extends RecordSchema.Builder {
    private final String name;
    private String primaryKey = "id";
    private String endpointKey;
    private List<String> cacheKey = List.of();
    private boolean workspaceable = true;
    private boolean ttl;
    private boolean dbExport = true;
    private String adminApiName;
    private String adminApiNestedName;
    private String subschemaKey;
    private Function<String, Optional<RecordSchema>> subschemas;
    private String subschemaError = Messages.SUBSCHEMA_UNKNOWN;
    private final List<Transformation> transformations = new ArrayList<>();
    private final List<List<String>> transformationInputs = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder primaryKey(String field) {
      this.primaryKey = field;
      return this;
    }

    public Builder endpointKey(String field) {
      this.endpointKey = field;
      return this;
    }

    public Builder cacheKey(String... fields) {
      this.cacheKey = List.of(fields);
      return this;
    }

    public Builder notWorkspaceable() {
      this.workspaceable = false;
      return this;
    }

    public Builder ttl() {
      this.ttl = true;
      return this;
    }

    public Builder noDbExport() {
      this.dbExport = false;
      return this;
    }

    public Builder adminApiName(String name) {
      this.adminApiName = name;
      return this;
    }

    public Builder adminApiNestedName(String name) {
      this.adminApiNestedName = name;
      return this;
    }

    /** Chooses a subschema by the value of {@code key} (for a set, its first known element). */
    public Builder subschemas(String key, Function<String, Optional<RecordSchema>> lookup, String unknownError) {
      this.subschemaKey = key;
      this.subschemas = lookup;
      this.subschemaError = unknownError;
      return this;
    }

    public Builder transformation(Transformation t) {
      transformations.add(t);
      transformationInputs.add(List.of());
      return this;
    }

    /**
     * A transformation that is not idempotent (hashing) and runs on an update only when the update
     * writes one of {@code input}, as Kong's transformations declare their {@code input} fields.
     */
    public Builder transformation(Transformation t, String... input) {
      transformations.add(t);
      transformationInputs.add(List.of(input));
      return this;
    }

    @Override
    public Builder field(String name, Field field) {
      super.field(name, field);
      return this;
    }

    @Override
    public Builder field(String name, Field.Builder field) {
      super.field(name, field);
      return this;
    }

    @Override
    public Builder check(EntityCheck check) {
      super.check(check);
      return this;
    }

    @Override
    public Builder shorthand(Shorthand shorthand) {
      super.shorthand(shorthand);
      return this;
    }

    @Override
    public EntitySchema build() {
      return new EntitySchema(this);
    }
  }
}
