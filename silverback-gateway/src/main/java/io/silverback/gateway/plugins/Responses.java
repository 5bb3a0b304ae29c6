package io.silverback.gateway.plugins;

import io.silverback.core.schema.Json;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** Kong's {@code kong.response.error} bodies, for plugins that exit with headers of their own. */
public final class Responses {
  /** Kong's JSON content type. */
  public static final String JSON = "application/json; charset=utf-8";

  private Responses() {}

  /** {@code {"message":"..."}}, JSON-escaped. */
  public static Buffer message(String message) {
    return Buffer.buffer(Json.object().put("message", message).toString());
  }

  /** Response headers with Kong's JSON {@code Content-Type}. */
  public static MultiMap jsonHeaders() {
    return MultiMap.caseInsensitiveMultiMap().set("Content-Type", JSON);
  }
}
