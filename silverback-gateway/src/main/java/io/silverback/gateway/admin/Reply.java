package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import io.silverback.store.StoreException;
import java.util.Map;

/**
 * An Admin API response before it is written: status, JSON body (null for 204) and any headers
 * of its own.
 *
 * @param status the HTTP status
 * @param body the JSON body, or null for none
 * @param headers response headers beyond those every reply gets
 */
public record Reply(int status, JsonNode body, Map<String, String> headers) {
  public Reply {
    headers = Map.copyOf(headers);
  }

  /** A reply without headers of its own. */
  public Reply(int status, JsonNode body) {
    this(status, body, Map.of());
  }

  public static Reply ok(JsonNode body) {
    return new Reply(200, body);
  }

  public static Reply created(JsonNode body) {
    return new Reply(201, body);
  }

  public static Reply noContent() {
    return new Reply(204, null);
  }

  /** Kong's short error body: {@code {"message": "..."}}. */
  public static Reply message(int status, String message) {
    return new Reply(status, Json.object().put("message", message));
  }

  /** A store error as Kong's Admin API answers it: Kong's body with the status of its code. */
  public static Reply of(StoreException e) {
    ObjectNode body = e.toBody();
    return new Reply(AdminStatus.of(e.error()), body);
  }
}
