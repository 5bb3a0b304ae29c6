package io.silverback.core.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.AutoFields;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.ErrorTree;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Parses Kong declarative configurations (kong/db/declarative/init.lua and
 * declarative_config.lua {@code flatten}) into a {@link Config}.
 *
 * <p>The steps, in Kong's order: read the text; migrate route paths of format 1.1 and 2.1 to 3.0;
 * give records without an id Kong's deterministic id; validate the document (records are
 * normalized in place); fill auto fields, resolve references and check uniqueness; apply
 * transformations when {@code _transform} is true. Every step that fails returns its errors in
 * Kong's shape; none throws on bad input.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DeclarativeConfigParser {
  private final EntityRegistry registry;
  private final Clock clock;
  private final boolean keepInput;
  private final boolean parallel;
  private final IdGenerator ids = new IdGenerator();

  private DeclarativeConfigParser(EntityRegistry registry, Clock clock, boolean keepInput, boolean parallel) {
    this.registry = registry;
    this.clock = clock;
    this.keepInput = keepInput;
    this.parallel = parallel;
  }

  /** A parser for the entities of {@code registry}, stamping auto timestamps with the system clock. */
  public static DeclarativeConfigParser of(EntityRegistry registry) {
    return new DeclarativeConfigParser(registry, Clock.systemUTC(), false, true);
  }

  /** The same parser with another clock for auto timestamps. */
  public DeclarativeConfigParser withClock(Clock clock) {
    return new DeclarativeConfigParser(registry, clock, keepInput, parallel);
  }

  /**
   * The same parser keeping a copy of the input, which flattened errors need to show each
   * failing record as written. It costs one copy of the document.
   */
  public DeclarativeConfigParser keepingInputForErrors() {
    return new DeclarativeConfigParser(registry, clock, true, parallel);
  }

  /**
   * The same parser validating on the calling thread only. By default the records of a large
   * array (thousands) are validated on the common fork-join pool, which halves a 100k-entity load
   * on two cores; the result is the same either way.
   */
  public DeclarativeConfigParser sequential() {
    return new DeclarativeConfigParser(registry, clock, keepInput, false);
  }

  public EntityRegistry registry() {
    return registry;
  }

  /** Parses a {@code .json}, {@code .yml} or {@code .yaml} file. */
  public ParseResult parseFile(Path file) {
    HashingReader.Result read;
    try {
      read = HashingReader.readFile(file);
    } catch (DeclarativeReadException e) {
      return ParseResult.failure(DeclarativeErrors.unreadable(detail(e), registry));
    }
    return parse(read.tree(), read.md5());
  }

  /** Parses text of unknown syntax (JSON is tried first, then YAML), as the Admin API does. */
  public ParseResult parseString(String text) {
    JsonNode tree;
    try {
      tree = DeclarativeReader.read(text);
    } catch (DeclarativeReadException e) {
      return ParseResult.failure(DeclarativeErrors.unreadable(detail(e), registry));
    }
    return parse(tree, HashingReader.md5(text));
  }

  private static String detail(DeclarativeReadException e) {
    return e.aboutTheFile() ? e.getMessage() : "failed parsing declarative configuration: " + e.getMessage();
  }

  /**
   * Parses a document already read into a tree; the tree is normalized in place.
   *
   * @param tree the document
   * @param hash the MD5 hex of its source text, or empty when there was none
   */
  public ParseResult parse(JsonNode tree, Optional<String> hash) {
    if (tree == null || !tree.isObject()) {
      return ParseResult.failure(DeclarativeErrors.unreadable(
          "failed parsing declarative configuration: expected an object", registry));
    }
    ObjectNode doc = (ObjectNode) tree;
    JsonNode input = keepInput ? doc.deepCopy() : null;
    JsonNode version = doc.get("_format_version");
    if (version != null && version.isTextual() && List.of("1.1", "2.1").contains(version.textValue())) {
      migrateRoutePaths(doc);
      doc.put("_format_version", "3.0");
    }
    assignIds(doc, null, null);
    ErrorTree errors = new DocumentValidator(registry, parallel).validate(doc);
    if (!errors.isEmpty()) {
      return ParseResult.failure(new DeclarativeErrors(errors, registry, input));
    }
    JsonNode t = doc.get("_transform");
    boolean transform = t == null || t.isNull() || t.booleanValue();
    ErrorTree flatErrors = new ErrorTree();
    Optional<Config> config = new Flattener(registry, AutoFields.at(clock)).flatten(doc, transform, flatErrors);
    if (config.isEmpty()) {
      return ParseResult.failure(new DeclarativeErrors(flatErrors, registry, input));
    }
    String h = config.get().isEmpty() ? DeclarativeConfig.EMPTY_HASH : hash.orElse(DeclarativeConfig.EMPTY_HASH);
    return ParseResult.success(new DeclarativeConfig(config.get(), "3.0", transform, h));
  }

  /** Parses a document already read into a tree, with no source text. */
  public ParseResult parse(JsonNode tree) {
    return parse(tree, Optional.empty());
  }

  private void assignIds(ObjectNode container, EntitySchema parent, String parentId) {
    List<?> kinds = parent == null ? registry.ordered() : registry.children(parent.name());
    for (Object kind : kinds) {
      EntitySchema schema;
      String childField;
      if (kind instanceof EntitySchema s) {
        schema = s;
        childField = null;
      } else {
        EntityRegistry.Nesting n = (EntityRegistry.Nesting) kind;
        schema = registry.require(n.child());
        childField = n.field();
      }
      JsonNode arr = container.get(schema.name());
      if (arr == null || !arr.isArray()) {
        continue;
      }
      for (JsonNode item : arr) {
        if (!item.isObject()) {
          continue;
        }
        ObjectNode record = (ObjectNode) item;
        ids.idFor(schema, record, parentId, childField).ifPresent(id -> record.put(schema.primaryKey(), id));
        JsonNode id = record.get(schema.primaryKey());
        assignIds(record, schema, id != null && id.isTextual() ? id.textValue() : null);
      }
    }
  }

  /** Format 1.1 and 2.1 route paths: top-level routes and routes nested in top-level services. */
  private static void migrateRoutePaths(ObjectNode doc) {
    migrateRoutes(doc.get("routes"));
    JsonNode services = doc.get("services");
    if (services != null && services.isArray()) {
      for (JsonNode s : services) {
        if (s.isObject()) {
          migrateRoutes(s.get("routes"));
        }
      }
    }
  }

  private static void migrateRoutes(JsonNode routes) {
    if (routes == null || !routes.isArray()) {
      return;
    }
    for (JsonNode r : routes) {
      JsonNode paths = r.isObject() ? r.get("paths") : null;
      if (paths != null && paths.isArray()) {
        ArrayNode arr = (ArrayNode) paths;
        for (int i = 0; i < arr.size(); i++) {
          if (arr.get(i).isTextual()) {
            arr.set(i, arr.textNode(LegacyRoutePaths.migrate(arr.get(i).textValue())));
          }
        }
      }
    }
  }

  static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
