package io.silverback.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import java.util.Optional;

/**
 * A store operation failed. Carries Kong's error code and the {@code fields} of Kong's error body,
 * so the Admin API and the CLI can render it as Kong does; the message names the entity type and
 * the key or field involved. Build one through {@link StoreErrors}.
 */
public class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final KongError error;
  private final transient ObjectNode fields;
  private final String entityType;

  public StoreException(KongError error, String message, ObjectNode fields) {
    this(error, message, fields, null);
  }

  public StoreException(KongError error, String message, ObjectNode fields, Throwable cause) {
    this(error, message, fields, cause, null);
  }

  private StoreException(KongError error, String message, ObjectNode fields, Throwable cause, String entityType) {
    super(message, cause);
    this.error = error;
    this.fields = fields == null ? Json.MAPPER.createObjectNode() : fields;
    this.entityType = entityType;
  }

  /** The same error, known to be about an entity of {@code type} (a bulk import names it). */
  public StoreException about(String type) {
    return new StoreException(error, getMessage(), fields, getCause(), type);
  }

  /** The entity type the error is about, when known. */
  public Optional<String> entityType() {
    return Optional.ofNullable(entityType);
  }

  /** Kong's error code. */
  public KongError error() {
    return error;
  }

  /** The {@code fields} of Kong's error body; empty when the error is about no field. */
  public ObjectNode fields() {
    return fields;
  }

  /**
   * Kong's error body: {@code code}, {@code name}, {@code message}, and the details under
   * {@code fields} ({@code options} for {@code INVALID_OPTIONS}, as Kong names them there).
   */
  public ObjectNode toBody() {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("code", error.code());
    body.put("name", error.kongName());
    body.put("message", getMessage());
    if (!fields.isEmpty()) {
      body.set(error == KongError.INVALID_OPTIONS ? "options" : "fields", fields);
    }
    return body;
  }
}
