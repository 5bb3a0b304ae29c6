package io.silverback.gateway.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.router.RouteMatch;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.Map;

/**
 * One request passing through the proxy, as the plugins see it: the client's request, the
 * request that will go upstream (which plugins may change until it is sent), the authenticated
 * consumer, and the response on its way back. Used on the request's event loop only.
 */
public interface ProxyExchange {
  /** The node's Vert.x, for timers and clients. */
  Vertx vertx();

  /** The client's request. Read its headers and address here; change the upstream request below. */
  HttpServerRequest request();

  /** The client's request headers (Kong's {@code kong.request.get_headers()}). */
  default MultiMap requestHeaders() {
    return request().headers();
  }

  /** The client's request method ({@code kong.request.get_method()}). */
  default String requestMethod() {
    return request().method().name();
  }

  /** The client's request target, path and query as sent ({@code kong.request.get_path_with_query()}). */
  default String requestUri() {
    return request().uri();
  }

  /** The client's raw query string without {@code ?}, or null for none. */
  default String requestQuery() {
    return request().query();
  }

  /** The client's HTTP version. */
  default HttpVersion requestVersion() {
    return request().version();
  }

  /** Whether the client's connection is TLS. */
  default boolean requestTls() {
    return request().isSSL();
  }

  /**
   * The request's protocol as Kong's {@code kong.client.get_protocol()}: the route's only protocol
   * when it has one, otherwise {@code https} or {@code http} by the client's connection.
   */
  default String protocol() {
    Entity route = route();
    JsonNode protocols = route == null ? null : route.get("protocols");
    if (protocols != null && protocols.size() == 1) {
      return protocols.get(0).asText();
    }
    return requestTls() ? "https" : "http";
  }

  /** The client's address as Kong's {@code ngx.var.remote_addr}. */
  String clientIp();

  /** The snapshot this exchange is served from (one snapshot for the whole exchange). */
  Config config();

  /** A view of {@link #config()}, built once per snapshot. */
  <T> T view(ConfigView<T> view);

  /** The route match. */
  RouteMatch match();

  /** The matched route. */
  default Entity route() {
    return match().route();
  }

  /** The route's service, or null. */
  default Entity service() {
    return match().service();
  }

  /** The authenticated consumer, or null. */
  Entity consumer();

  /** The credential that authenticated {@link #consumer()}, or null (also for the anonymous consumer). */
  Entity credential();

  /**
   * Records who the request is from, as Kong's {@code kong.client.authenticate}, and sets the
   * upstream headers Kong sets: {@code X-Consumer-ID}, {@code X-Consumer-Username}, {@code
   * X-Consumer-Custom-ID} (when set), {@code X-Credential-Identifier} (when {@code credential}
   * is given), and {@code X-Anonymous-Consumer: true} when {@code credential} is null.
   */
  void authenticate(Entity consumer, Entity credential);

  /**
   * As {@link #authenticate(Entity, Entity)}, with the {@code X-Credential-Identifier} an auth
   * plugin chooses: basic-auth and hmac-auth send the credential's username, jwt its key,
   * key-auth its id.
   */
  default void authenticate(Entity consumer, Entity credential, String credentialIdentifier) {
    authenticate(consumer, credential);
    if (credential != null && credentialIdentifier != null) {
      upstreamHeaders().set("X-Credential-Identifier", credentialIdentifier);
    }
  }

  /** Headers of the upstream request; start as the client's (hop-by-hop ones removed later). */
  MultiMap upstreamHeaders();

  String upstreamMethod();

  void upstreamMethod(String method);

  /** The escaped path to send upstream, without the query. */
  String upstreamPath();

  void upstreamPath(String path);

  /** The raw query string to send upstream, without {@code ?}; null for none. */
  String upstreamQuery();

  void upstreamQuery(String query);

  /**
   * The client's whole request body, read once and kept (the upstream then gets it whole, not
   * streamed). Fails when the body exceeds {@code maxBytes}.
   */
  Future<Buffer> requestBody(long maxBytes);

  /** Replaces the body sent upstream (and its {@code Content-Length}). */
  void upstreamBody(Buffer body);

  /** Ends the exchange with Kong's {@code {"message": message}} body; no upstream call is made. */
  void exit(int status, String message);

  /** Ends the exchange with this body and headers (null for none); no upstream call is made. */
  void exit(int status, Buffer body, MultiMap headers);

  /** Whether {@link #exit} was called. */
  boolean exited();

  /** The response status (upstream's or the exit's); 0 before there is one. */
  int status();

  /** The response headers on their way to the client; mutable in {@link GatewayPlugin#headerFilter}. */
  MultiMap responseHeaders();

  /** Per-exchange values plugins share (Kong's {@code kong.ctx.shared}). */
  Map<String, Object> ctx();

  /** When the request arrived ({@link System#nanoTime()}). */
  long startNanos();

  /** Milliseconds from sending upstream to the upstream's response headers; -1 when not proxied. */
  long upstreamLatencyMillis();

  /** Bytes received from the client, counted so far. */
  long requestBytes();

  /** Bytes sent to the client, counted so far. */
  long responseBytes();
}
