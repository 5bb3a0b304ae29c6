package io.silverback.gateway.plugins.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.Json;
import java.util.Objects;

/** The outcome of one authentication attempt by an auth plugin. */
public sealed interface Attempt {
  /**
   * The request proved who it is from.
   *
   * @param consumer the credential's consumer
   * @param credential the credential
   * @param identifier the {@code X-Credential-Identifier} value Kong sends for this plugin
   */
  record Authenticated(Entity consumer, Entity credential, String identifier) implements Attempt {
    public Authenticated {
      Objects.requireNonNull(consumer, "consumer");
      Objects.requireNonNull(credential, "credential");
    }
  }

  /**
   * The request did not authenticate.
   *
   * @param status the status Kong answers with
   * @param body the JSON body, usually {@code {"message": ...}}
   * @param wwwAuthenticate the {@code WWW-Authenticate} header, or null for none
   */
  record Rejected(int status, ObjectNode body, String wwwAuthenticate) implements Attempt {}

  /** A 401 with Kong's {@code {"message": message}} and {@code WWW-Authenticate: challenge}. */
  static Rejected unauthorized(String message, String challenge) {
    return new Rejected(401, Json.MAPPER.createObjectNode().put("message", message), challenge);
  }
}
