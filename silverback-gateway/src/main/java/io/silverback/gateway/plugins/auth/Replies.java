package io.silverback.gateway.plugins.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import io.silverback.gateway.plugin.ProxyExchange;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/** Kong's {@code kong.response.error}/{@code exit} with a JSON body, as the auth plugins send them. */
public final class Replies {
  private Replies() {}

  /** Kong's {@code {"message": message}}. */
  public static ObjectNode message(String message) {
    return Json.MAPPER.createObjectNode().put("message", message);
  }

  /** Ends {@code ex} with the rejection's status, body and {@code WWW-Authenticate}. */
  public static void reject(ProxyExchange ex, Attempt.Rejected rejected) {
    send(ex, rejected.status(), rejected.body(), rejected.wwwAuthenticate());
  }

  /**
   * Ends {@code ex} with {@code body} as JSON.
   *
   * @param wwwAuthenticate the {@code WWW-Authenticate} header, or null for none
   */
  public static void send(ProxyExchange ex, int status, ObjectNode body, String wwwAuthenticate) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().set("Content-Type", "application/json; charset=utf-8");
    if (wwwAuthenticate != null) {
      headers.set("WWW-Authenticate", wwwAuthenticate);
    }
    try {
      ex.exit(status, Buffer.buffer(Json.MAPPER.writeValueAsBytes(body)), headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the reply " + body, e);
    }
  }
}
