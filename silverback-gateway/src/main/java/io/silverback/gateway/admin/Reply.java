package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import io.silverback.store.StoreException;

/**
 * An Admin API response before it is written: status and JSON body (null for 204).
 *
 * @param status the HTTP status
 * @param body the JSON body, or null for none
 */
public record Reply(int status, JsonNode body) {
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
