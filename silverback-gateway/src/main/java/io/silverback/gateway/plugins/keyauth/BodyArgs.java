package io.silverback.gateway.plugins.keyauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import io.silverback.gateway.plugins.auth.QueryArgs;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * A request body as {@code kong.request.get_body()} gives it to key-auth: a JSON object or a
 * urlencoded form; any other body (or one that does not parse) has no arguments.
 */
final class BodyArgs {
  /** A body with no arguments. */
  static final BodyArgs EMPTY = new BodyArgs(null, null, null);

  private final ObjectNode json;
  private final QueryArgs form;
  private final String rawForm;

  private BodyArgs(ObjectNode json, QueryArgs form, String rawForm) {
    this.json = json;
    this.form = form;
    this.rawForm = rawForm;
  }

  static BodyArgs parse(String contentType, Buffer body) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("application/x-www-form-urlencoded")) {
      String raw = body.toString();
      return new BodyArgs(null, QueryArgs.parse(raw), raw);
    }
    if (type.startsWith("application/json")) {
      try {
        JsonNode tree = Json.MAPPER.readTree(body.getBytes());
        return tree instanceof ObjectNode o ? new BodyArgs(o, null, null) : EMPTY;
      } catch (IOException e) {
        return EMPTY;
      }
    }
    return EMPTY;
  }

  boolean isEmpty() {
    return json == null && form == null;
  }

  /**
   * The argument {@code name} as key-auth tells values apart: null when absent, a String, a List
   * when there are several (a JSON array or object counts as several), else {@link Boolean#TRUE}.
   */
  Object value(String name) {
    if (json != null) {
      JsonNode v = json.get(name);
      if (v == null || v.isNull()) {
        return null;
      }
      return v.isTextual() ? v.textValue() : v.isContainerNode() ? List.of(v) : Boolean.TRUE;
    }
    return form == null ? null : KeyLookup.of(form.all(name));
  }

  /** The body without {@code name}, encoded as it came. */
  Buffer without(String name) {
    if (json != null) {
      ObjectNode copy = json.deepCopy();
      copy.remove(name);
      return Buffer.buffer(copy.toString());
    }
    String left = QueryArgs.without(rawForm, name);
    return Buffer.buffer(left == null ? "" : left);
  }
}
