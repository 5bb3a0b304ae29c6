package io.silverback.gateway.proxy;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.router.RouteMatch;
import io.silverback.gateway.balancer.HashInput;
import io.silverback.gateway.plugin.ConfigView;
import io.silverback.gateway.plugin.ProxyExchange;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one request through the proxy, as plugins ({@link ProxyExchange}) and balancers
 * ({@link HashInput}) see it. Lives on the request's event loop only; not thread-safe.
 */
final class Exchange implements ProxyExchange, HashInput {
  private static final CharSequence X_CONSUMER_ID = HttpHeaders.createOptimized("X-Consumer-ID");
  private static final CharSequence X_CONSUMER_USERNAME = HttpHeaders.createOptimized("X-Consumer-Username");
  private static final CharSequence X_CONSUMER_CUSTOM_ID = HttpHeaders.createOptimized("X-Consumer-Custom-ID");
  private static final CharSequence X_CREDENTIAL_IDENTIFIER = HttpHeaders.createOptimized("X-Credential-Identifier");
  private static final CharSequence X_ANONYMOUS_CONSUMER = HttpHeaders.createOptimized("X-Anonymous-Consumer");

  private final Vertx vertx;
  private final HttpServerRequest request;
  private final ProxySnapshot snapshot;
  private final RouteMatch match;
  private final String clientIp;
  private final long startNanos;
  private final MultiMap upstreamHeaders;
  private final ProxyOptions options;
  private HttpMethod method;
  private String path;
  private String query;
  private Buffer body;
  private Future<Buffer> bodyRead;
  private Entity consumer;
  private Entity credential;
  private boolean exited;
  private Buffer exitBody;
  private MultiMap exitHeaders;
  private int status;
  private Map<String, Object> ctx;
  private long upstreamLatency = -1;
  private String hashCookieName;
  private String hashCookieValue;

  Exchange(Vertx vertx, HttpServerRequest request, ProxySnapshot snapshot, RouteMatch match, String clientIp,
      long startNanos, MultiMap upstreamHeaders, ProxyOptions options) {
    this.vertx = vertx;
    this.request = request;
    this.snapshot = snapshot;
    this.match = match;
    this.clientIp = clientIp;
    this.startNanos = startNanos;
    this.upstreamHeaders = upstreamHeaders;
    this.options = options;
    this.method = request.method();
    this.path = match.upstreamPath();
    String uri = request.uri();
    int q = uri.indexOf('?');
    this.query = q < 0 ? null : uri.substring(q + 1);
  }

  ProxySnapshot snapshot() {
    return snapshot;
  }

  /** The node's proxy settings. */
  ProxyOptions options() {
    return options;
  }

  /** The body to send upstream whole: a plugin's replacement or the body a plugin read; else null (stream it). */
  Buffer bufferedBody() {
    return body;
  }

  /** Whether a plugin started reading the body (then it must not be streamed). */
  boolean bodyTaken() {
    return bodyRead != null || body != null;
  }

  Buffer exitBody() {
    return exitBody;
  }

  MultiMap exitHeaders() {
    return exitHeaders;
  }

  void status(int status) {
    this.status = status;
  }

  void upstreamLatency(long millis) {
    this.upstreamLatency = millis;
  }

  /** The request target to send upstream: the path and, when the client sent one, {@code ?} and the raw query. */
  String upstreamUri() {
    return query == null ? path : path + "?" + query;
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public HttpServerRequest request() {
    return request;
  }

  @Override
  public String clientIp() {
    return clientIp;
  }

  @Override
  public Config config() {
    return snapshot.config();
  }

  @Override
  public <T> T view(ConfigView<T> view) {
    return snapshot.view(view);
  }

  @Override
  public RouteMatch match() {
    return match;
  }

  @Override
  public Entity consumer() {
    return consumer;
  }

  @Override
  public Entity credential() {
    return credential;
  }

  @Override
  public void authenticate(Entity consumer, Entity credential) {
    this.consumer = consumer;
    this.credential = credential;
    if (consumer != null) {
      upstreamHeaders.set(X_CONSUMER_ID, consumer.id());
      setOrRemove(X_CONSUMER_USERNAME, consumer.text("username"));
      setOrRemove(X_CONSUMER_CUSTOM_ID, consumer.text("custom_id"));
    }
    if (credential != null) {
      String identifier = credential.text("username") != null ? credential.text("username") : credential.id();
      upstreamHeaders.set(X_CREDENTIAL_IDENTIFIER, identifier);
      upstreamHeaders.remove(X_ANONYMOUS_CONSUMER);
    } else {
      upstreamHeaders.remove(X_CREDENTIAL_IDENTIFIER);
      upstreamHeaders.set(X_ANONYMOUS_CONSUMER, "true");
    }
  }

  private void setOrRemove(CharSequence name, String value) {
    if (value == null) {
      upstreamHeaders.remove(name);
    } else {
      upstreamHeaders.set(name, value);
    }
  }

  @Override
  public MultiMap upstreamHeaders() {
    return upstreamHeaders;
  }

  @Override
  public String upstreamMethod() {
    return method.name();
  }

  @Override
  public void upstreamMethod(String method) {
    this.method = HttpMethod.valueOf(method);
  }

  HttpMethod upstreamHttpMethod() {
    return method;
  }

  @Override
  public String upstreamPath() {
    return path;
  }

  @Override
  public void upstreamPath(String path) {
    this.path = path;
  }

  @Override
  public String upstreamQuery() {
    return query;
  }

  @Override
  public void upstreamQuery(String query) {
    this.query = query;
  }

  @Override
  public Future<Buffer> requestBody(long maxBytes) {
    if (bodyRead == null) {
      bodyRead = RequestBodies.read(request, maxBytes).onSuccess(b -> {
        if (body == null) {
          body = b;
        }
      });
    }
    return bodyRead;
  }

  @Override
  public void upstreamBody(Buffer body) {
    this.body = body;
    upstreamHeaders.remove(HttpHeaders.TRANSFER_ENCODING);
    upstreamHeaders.set(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length()));
  }

  @Override
  public void exit(int status, String message) {
    exit(status, Replies.body(message), null);
  }

  @Override
  public void exit(int status, Buffer body, MultiMap headers) {
    this.exited = true;
    this.status = status;
    this.exitBody = body;
    this.exitHeaders = headers;
  }

  @Override
  public boolean exited() {
    return exited;
  }

  @Override
  public int status() {
    return status;
  }

  @Override
  public MultiMap responseHeaders() {
    return request.response().headers();
  }

  @Override
  public Map<String, Object> ctx() {
    if (ctx == null) {
      ctx = new HashMap<>();
    }
    return ctx;
  }

  @Override
  public long startNanos() {
    return startNanos;
  }

  @Override
  public long upstreamLatencyMillis() {
    return upstreamLatency;
  }

  @Override
  public long requestBytes() {
    return request.bytesRead();
  }

  @Override
  public long responseBytes() {
    return request.response().bytesWritten();
  }

  @Override
  public String consumerId() {
    return consumer == null ? null : consumer.id();
  }

  @Override
  public String header(String name) {
    return request.headers().get(name);
  }

  @Override
  public String cookie(String name) {
    if (name.equals(hashCookieName)) {
      return hashCookieValue;
    }
    Cookie c = request.getCookie(name);
    return c == null ? null : c.getValue();
  }

  /** Kong's {@code balancer.set_cookie}: the made-up hash cookie goes back to the client and serves retries. */
  @Override
  public void hashCookie(String name, String value, String path) {
    hashCookieName = name;
    hashCookieValue = value;
    request.response().headers().add(HttpHeaders.SET_COOKIE,
        name + "=" + value + "; Path=" + path + "; Same-Site=Lax; HttpOnly");
  }

  @Override
  public String path() {
    return match.normalizedPath();
  }

  @Override
  public String queryArg(String name) {
    return request.getParam(name);
  }

  @Override
  public String uriCapture(String name) {
    String named = match.namedCaptures().get(name);
    if (named != null) {
      return named;
    }
    List<String> captures = match.captures();
    try {
      int i = Integer.parseInt(name);
      return i >= 0 && i < captures.size() ? captures.get(i) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
