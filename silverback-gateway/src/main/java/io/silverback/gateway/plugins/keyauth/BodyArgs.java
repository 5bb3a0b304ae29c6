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
 * A request body as {@code kong.request.get_body()} gives it to key-auth: a JSON object, a
 * urlencoded form or a multipart form; any other body (or one that does not parse) has no
 * arguments.
 */
interface BodyArgs {
  /** A body with no arguments. */
  BodyArgs EMPTY = new BodyArgs() {
    @Override
    public Object value(String name) {
      return null;
    }

    @Override
    public Buffer without(String name) {
      throw new IllegalStateException("an empty body has nothing to remove");
    }

    @Override
    public boolean isEmpty() {
      return true;
    }
  };

  /**
   * The argument {@code name} as key-auth tells values apart: null when absent, a String, a List
   * when there are several (a JSON array or object counts as several), else {@link Boolean#TRUE}.
   */
  Object value(String name);

  /** The body without {@code name}, encoded as it came. */
  Buffer without(String name);

  /** Whether the body has no arguments. */
  default boolean isEmpty() {
    return false;
  }

  /** The arguments of {@code body} by its {@code Content-Type}. */
  static BodyArgs parse(String contentType, Buffer body) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (type.startsWith("application/x-www-form-urlencoded")) {
      return form(body.toString());
    }
    if (type.startsWith("application/json")) {
      return json(body);
    }
    if (type.startsWith("multipart/form-data")) {
      MultipartForm form = MultipartForm.parse(contentType, body);
      return form == null ? EMPTY : form;
    }
    return EMPTY;
  }

  private static BodyArgs form(String raw) {
    QueryArgs args = QueryArgs.parse(raw);
    return new BodyArgs() {
      @Override
      public Object value(String name) {
        return KeyLookup.of(args.all(name));
      }

      @Override
      public Buffer without(String name) {
        String left = QueryArgs.without(raw, name);
        return Buffer.buffer(left == null ? "" : left);
      }
    };
  }

  private static BodyArgs json(Buffer body) {
    ObjectNode object;
    try {
      JsonNode tree = Json.MAPPER.readTree(body.getBytes());
      if (!(tree instanceof ObjectNode o)) {
        return EMPTY;
      }
      object = o;
    } catch (IOException e) {
      return EMPTY;
    }
    return new BodyArgs() {
      @Override
      public Object value(String name) {
        JsonNode v = object.get(name);
        if (v == null || v.isNull()) {
          return null;
        }
        return v.isTextual() ? v.textValue() : v.isContainerNode() ? List.of(v) : Boolean.TRUE;
      }

      @Override
      public Buffer without(String name) {
        ObjectNode copy = object.deepCopy();
        copy.remove(name);
        return Buffer.buffer(copy.toString());
      }
    };
  }
}
