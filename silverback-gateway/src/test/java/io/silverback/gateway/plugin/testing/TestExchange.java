package io.silverback.gateway.plugin.testing;

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
import io.vertx.core.http.HttpVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ProxyExchange} held in plain fields, for unit tests of plugins without a proxy: a
 * request given by method, target, headers and body (on a route of a {@link Config} with {@link
 * #on}, or on any {@link RouteMatch} with {@link #TestExchange(Config)} and {@link #match}), and
 * everything a plugin does to it kept for assertions. It sets the consumer headers as Kong's auth
 * plugins do. Views are cached per {@link Views}, which tests share across exchanges of one
 * snapshot as the proxy does. {@link #request()} is null: plugins read the request through the
 * accessors; {@link #vertx()} is null unless a test sets one.
 */
public final class TestExchange implements ProxyExchange {
  private final Config config;
  private final Views views;
  private final MultiMap requestHeaders = MultiMap.caseInsensitiveMultiMap();
  private final MultiMap upstreamHeaders = MultiMap.caseInsensitiveMultiMap();
  private final MultiMap responseHeaders = MultiMap.caseInsensitiveMultiMap();
  private final Map<String, Object> ctx = new HashMap<>();
  private RouteMatch match;
  private String method;
  private String uri;
  private Vertx vertx;
  private String clientIp = "127.0.0.1";
  private Buffer body = Buffer.buffer();
  private boolean tls;
  private String upstreamMethod;
  private String upstreamPath;
  private String upstreamQuery;
  private Buffer upstreamBody;
  private Entity consumer;
  private Entity credential;
  private int status;
  private boolean exited;
  private Buffer exitBody;
  private long startNanos = System.nanoTime();
  private long upstreamLatency = -1;
  private long requestBytes = -1;
  private long responseBytes = -1;

  /** The views of one snapshot, shared by the exchanges served from it. */
  public static final class Views {
    private final Map<ConfigView<?>, Object> built = new HashMap<>();
    private final Map<String, Integer> builds = new HashMap<>();

    /** How many times the view named {@code name} was built. */
    public int builds(String name) {
      return builds.getOrDefault(name, 0);
    }
  }

  /** A {@code GET /} on no route of {@code config} (may be null when the plugin reads no snapshot). */
  public TestExchange(Config config) {
    this(config, new Views(), null, "GET", "/");
  }

  private TestExchange(Config config, Views views, Entity route, String method, String uri) {
    this.config = config;
    this.views = views;
    Entity service = route == null || route.foreignId("service") == null ? null
        : config.get("services", route.foreignId("service")).orElseThrow();
    this.match = new RouteMatch(route, service, path(uri), null, path(uri), List.of(), Map.of(), true);
    this.uri = uri;
    this.upstreamPath = path(uri);
    this.upstreamQuery = uri.indexOf('?') < 0 ? null : uri.substring(uri.indexOf('?') + 1);
    method(method);
  }

  /** A {@code method} request for {@code uri} (path and query) on the route named {@code routeName}. */
  public static TestExchange on(Config config, Views views, String routeName, String method, String uri) {
    Entity route = config.all("routes").stream().filter(r -> routeName.equals(r.text("name"))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no route named " + routeName));
    return new TestExchange(config, views, route, method, uri);
  }

  private static String path(String uri) {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }

  /** Adds a request header (also to the upstream request, as the proxy copies them). */
  public TestExchange header(String name, String value) {
    requestHeaders.add(name, value);
    upstreamHeaders.add(name, value);
    return this;
  }

  /** Sets the request body. */
  public TestExchange body(String text) {
    this.body = Buffer.buffer(text);
    return this;
  }

  /** Marks the client connection as TLS. */
  public TestExchange tls() {
    this.tls = true;
    return this;
  }

  /** Sets the request method (also the upstream one). */
  public TestExchange method(String name) {
    this.method = name;
    this.upstreamMethod = name;
    return this;
  }

  /** Sets the route match the plugin sees. */
  public TestExchange match(RouteMatch routeMatch) {
    this.match = routeMatch;
    return this;
  }

  /** Sets the client address (default 127.0.0.1). */
  public TestExchange clientIp(String ip) {
    this.clientIp = ip;
    return this;
  }

  /** Gives the exchange a Vert.x, for plugins that call out (Redis, HTTP). */
  public TestExchange vertx(Vertx v) {
    this.vertx = v;
    return this;
  }

  /** Sets the response as the upstream's: status and headers, as before the header filter. */
  public TestExchange response(int code, Map<String, String> headers) {
    this.status = code;
    headers.forEach(responseHeaders::add);
    return this;
  }

  /** Sets what the log phase reads: start time, upstream latency and bytes in and out. */
  public TestExchange timings(long start, long upstreamMillis, long inBytes, long outBytes) {
    this.startNanos = start;
    this.upstreamLatency = upstreamMillis;
    this.requestBytes = inBytes;
    this.responseBytes = outBytes;
    return this;
  }

  /** The body sent upstream when a plugin replaced it, else null. */
  public Buffer upstreamBody() {
    return upstreamBody;
  }

  /** The body of the exit, or null. */
  public String exitBody() {
    return exitBody == null ? null : exitBody.toString();
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
  public MultiMap requestHeaders() {
    return requestHeaders;
  }

  @Override
  public String requestMethod() {
    return method;
  }

  @Override
  public String requestUri() {
    return uri;
  }

  @Override
  public String requestQuery() {
    return uri.indexOf('?') < 0 ? null : uri.substring(uri.indexOf('?') + 1);
  }

  @Override
  public HttpVersion requestVersion() {
    return HttpVersion.HTTP_1_1;
  }

  @Override
  public boolean requestTls() {
    return tls;
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
    return (T) views.built.computeIfAbsent(view, v -> {
      views.builds.merge(v.name(), 1, Integer::sum);
      return v.build().apply(config);
    });
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
    set("X-Consumer-ID", consumer == null ? null : consumer.id());
    set("X-Consumer-Custom-ID", consumer == null ? null : consumer.text("custom_id"));
    set("X-Consumer-Username", consumer == null ? null : consumer.text("username"));
    set("X-Credential-Identifier", credential == null ? null : credential.id());
    set("X-Anonymous-Consumer", credential == null ? "true" : null);
  }

  private void set(String header, String value) {
    if (value == null) {
      upstreamHeaders.remove(header);
    } else {
      upstreamHeaders.set(header, value);
    }
  }

  @Override
  public MultiMap upstreamHeaders() {
    return upstreamHeaders;
  }

  @Override
  public String upstreamMethod() {
    return upstreamMethod;
  }

  @Override
  public void upstreamMethod(String method) {
    this.upstreamMethod = method;
  }

  @Override
  public String upstreamPath() {
    return upstreamPath;
  }

  @Override
  public void upstreamPath(String path) {
    this.upstreamPath = path;
  }

  @Override
  public String upstreamQuery() {
    return upstreamQuery;
  }

  @Override
  public void upstreamQuery(String query) {
    this.upstreamQuery = query;
  }

  @Override
  public Future<Buffer> requestBody(long maxBytes) {
    return body.length() > maxBytes
        ? Future.failedFuture(new IllegalStateException("body over " + maxBytes + " bytes"))
        : Future.succeededFuture(body);
  }

  @Override
  public void upstreamBody(Buffer body) {
    this.upstreamBody = body;
  }

  @Override
  public void exit(int status, String message) {
    exit(status, Buffer.buffer("{\"message\":\"" + message.replace("\"", "\\\"") + "\"}"), null);
  }

  @Override
  public void exit(int status, Buffer body, MultiMap headers) {
    if (exited) {
      throw new IllegalStateException("exit called twice");
    }
    this.exited = true;
    this.status = status;
    this.exitBody = body;
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
    return requestBytes >= 0 ? requestBytes : body.length();
  }

  @Override
  public long responseBytes() {
    return responseBytes >= 0 ? responseBytes : exitBody == null ? 0 : exitBody.length();
  }
}
