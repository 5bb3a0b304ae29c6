package io.silverback.core.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.ErrorTree;
import io.silverback.core.schema.Json;

/**
 * Why a declarative document was refused, in every shape Kong shows it: the nested error tree
 * ({@code fields}), the one-line message, the CLI report and the flattened list.
 */
public final class DeclarativeErrors {
  /** Kong's error code of an invalid declarative configuration. */
  public static final int CODE = 14;

  private final ErrorTree fields;
  private final EntityRegistry registry;
  private final JsonNode input;

  DeclarativeErrors(ErrorTree fields, EntityRegistry registry, JsonNode input) {
    this.fields = fields;
    this.registry = registry;
    this.input = input;
  }

  /** A document that could not be read at all (syntax, not a mapping, missing file). */
  static DeclarativeErrors unreadable(String detail, EntityRegistry registry) {
    return new DeclarativeErrors(new ErrorTree().put("error", detail), registry, null);
  }

  /** The nested errors, keyed by entity type, index and field. */
  public ErrorTree fields() {
    return fields;
  }

  /** Kong's message: {@code declarative config is invalid: {services={{host="..."}}}}. */
  public String message() {
    return "declarative config is invalid: " + fields.toPretty();
  }

  /** Kong's CLI report of {@code kong config parse}, without the leading {@code Error:}. */
  public String report() {
    Object only = fields.size() == 1 ? fields.get("error") : null;
    return "Failed parsing:\n" + (only instanceof String s ? s : fields.toReport());
  }

  /**
   * The Admin API body (code 14); with {@code flatten}, attributable errors move from {@code
   * fields} into {@code flattened_errors}.
   */
  public ObjectNode toBody(boolean flatten) {
    ObjectNode body = Json.object();
    body.put("code", CODE);
    body.put("name", "invalid declarative configuration");
    if (!flatten) {
      body.set("fields", fields.toJson());
      body.put("message", message());
      return body;
    }
    FlattenedErrors.Result r = flattened();
    body.set("fields", r.remaining().isEmpty() ? Json.object() : r.remaining().toJson());
    body.put("message", "declarative config is invalid: " + r.remaining().toPretty());
    body.set("flattened_errors", r.flattened());
    return body;
  }

  /** The flattened errors alone. */
  public ArrayNode flattenedErrors() {
    return flattened().flattened();
  }

  private FlattenedErrors.Result flattened() {
    return FlattenedErrors.flatten(registry, fields, input);
  }

  @Override
  public String toString() {
    return message();
  }
}
