package io.silverback.gateway.plugins.testing;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.router.RouteMatch;
import io.silverback.gateway.plugin.ConfigView;
import io.silverback.gateway.plugin.ProxyExchange;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ProxyExchange} held in plain fields, for plugin tests without a proxy: the test sets
 * the request side, runs a plugin phase and reads what the plugin changed or how it exited.
 * {@link #request()} is null: plugins read the client's request through the upstream accessors.
 */
public final class TrafficTestExchange implements ProxyExchange {
  private final Map<ConfigView<?>, Object> views = new HashMap<>();
  private final Map<String, Object> ctx = new HashMap<>();
  private final MultiMap upstreamHeaders = MultiMap.caseInsensitiveMultiMap();
  private final MultiMap responseHeaders = MultiMap.caseInsensitiveMultiMap();
  private Vertx vertx;
  private Config config;
  private RouteMatch match = new RouteMatch(null, null, "/", null, "/", List.of(), Map.of(), true);
  private String clientIp = "127.0.0.1";
  private Entity consumer;
  private Entity credential;
  private String method = "GET";
  private String path = "/";
  private String query;
  private Buffer body;
  private Buffer upstreamBody;
  private int status;
  private boolean exited;
  private Buffer exitBody;
  private long startNanos = System.nanoTime();
  private long upstreamLatency = -1;
  private long requestBytes;
  private long responseBytes;

  /** An exchange for {@code config} (may be null when the plugin reads no snapshot). */
  public TrafficTestExchange(Config config) {
    this.config = config;
  }

  public TrafficTestExchange vertx(Vertx v) {
    this.vertx = v;
    return this;
  }

  public TrafficTestExchange match(RouteMatch m) {
    this.match = m;
    return this;
  }

  public TrafficTestExchange clientIp(String ip) {
    this.clientIp = ip;
    return this;
  }

  public TrafficTestExchange header(String name, String value) {
    upstreamHeaders.add(name, value);
    return this;
  }

  public TrafficTestExchange method(String m) {
    this.method = m;
    return this;
  }

  public TrafficTestExchange body(String text) {
    this.body = Buffer.buffer(text);
    return this;
  }

  /** Sets the response as the upstream's: status and headers, as before the header filter. */
  public TrafficTestExchange response(int code, Map<String, String> headers) {
    this.status = code;
    headers.forEach(responseHeaders::add);
    return this;
  }

  public TrafficTestExchange timings(long start, long upstreamMillis, long inBytes, long outBytes) {
    this.startNanos = start;
    this.upstreamLatency = upstreamMillis;
    this.requestBytes = inBytes;
    this.responseBytes = outBytes;
    return this;
  }

  /** The body of the exit, or null. */
  public Buffer exitBody() {
    return exitBody;
  }

  /** The body set for upstream, or null when unchanged. */
  public Buffer upstreamBody() {
    return upstreamBody;
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public HttpServerRequest request() {
    return null;
  }

  @Override
  public String clientIp() {
    return clientIp;
  }

  @Override
  public Config config() {
    return config;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T view(ConfigView<T> view) {
    return (T) views.computeIfAbsent(view, v -> v.build().apply(config));
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
  public void authenticate(Entity who, Entity with) {
    this.consumer = who;
    this.credential = with;
  }

  @Override
  public MultiMap upstreamHeaders() {
    return upstreamHeaders;
  }

  @Override
  public String upstreamMethod() {
    return method;
  }

  @Override
  public void upstreamMethod(String m) {
    this.method = m;
  }

  @Override
  public String upstreamPath() {
    return path;
  }

  @Override
  public void upstreamPath(String p) {
    this.path = p;
  }

  @Override
  public String upstreamQuery() {
    return query;
  }

  @Override
  public void upstreamQuery(String q) {
    this.query = q;
  }

  @Override
  public Future<Buffer> requestBody(long maxBytes) {
    Buffer b = body == null ? Buffer.buffer() : body;
    if (b.length() > maxBytes) {
      return Future.failedFuture("request body over " + maxBytes + " bytes");
    }
    return Future.succeededFuture(b);
  }

  @Override
  public void upstreamBody(Buffer b) {
    this.upstreamBody = b;
  }

  @Override
  public void exit(int code, String message) {
    exit(code, Buffer.buffer("{\"message\":\"" + message.replace("\"", "\\\"") + "\"}"), null);
  }

  @Override
  public void exit(int code, Buffer b, MultiMap headers) {
    this.exited = true;
    this.status = code;
    this.exitBody = b;
    if (headers != null) {
      responseHeaders.addAll(headers);
    }
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
    return responseHeaders;
  }

  @Override
  public Map<String, Object> ctx() {
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
    return requestBytes;
  }

  @Override
  public long responseBytes() {
    return responseBytes;
  }
}
