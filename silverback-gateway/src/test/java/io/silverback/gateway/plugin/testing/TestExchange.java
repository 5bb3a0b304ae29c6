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
 * A {@link ProxyExchange} for unit tests of plugins: a request given by method, target, headers and
 * body on a route of a {@link Config}, and everything a plugin does to it kept for assertions. It
 * sets the consumer headers as Kong's auth plugins do. Views are cached per {@link Views}, which
 * tests share across exchanges of one snapshot as the proxy does. {@link #vertx()} and {@link
 * #request()} are not available: plugins read the request through the accessors.
 */
public final class TestExchange implements ProxyExchange {
  private final Config config;
  private final Views views;
  private final RouteMatch match;
  private final String method;
  private final String uri;
  private final MultiMap requestHeaders = MultiMap.caseInsensitiveMultiMap();
  private final MultiMap upstreamHeaders = MultiMap.caseInsensitiveMultiMap();
  private final MultiMap responseHeaders = MultiMap.caseInsensitiveMultiMap();
  private final Map<String, Object> ctx = new HashMap<>();
  private Buffer body = Buffer.buffer();
  private boolean tls;
  private String upstreamMethod;
  private String upstreamPath;
  private String upstreamQuery;
  private Buffer upstreamBody;
  private Entity consumer;
  private Entity credential;
  private int status;
  private Buffer exitBody;

  /** The views of one snapshot, shared by the exchanges served from it. */
  public static final class Views {
    private final Map<ConfigView<?>, Object> built = new HashMap<>();
    private final Map<String, Integer> builds = new HashMap<>();

    /** How many times the view named {@code name} was built. */
    public int builds(String name) {
      return builds.getOrDefault(name, 0);
    }
  }

  private TestExchange(Config config, Views views, Entity route, String method, String uri) {
    this.config = config;
    this.views = views;
    Entity service = route == null || route.foreignId("service") == null ? null
        : config.get("services", route.foreignId("service")).orElseThrow();
    this.match = new RouteMatch(route, service, path(uri), null, path(uri), List.of(), Map.of(), true);
    this.method = method;
    this.uri = uri;
    this.upstreamMethod = method;
    this.upstreamPath = path(uri);
    this.upstreamQuery = uri.indexOf('?') < 0 ? null : uri.substring(uri.indexOf('?') + 1);
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
    throw new UnsupportedOperationException("a TestExchange has no Vert.x");
  }

  @Override
  public HttpServerRequest request() {
    throw new UnsupportedOperationException("a TestExchange has no server request; use the request accessors");
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
    return "127.0.0.1";
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
    exit(status, Buffer.buffer("{\"message\":\"" + message + "\"}"), null);
  }

  @Override
  public void exit(int status, Buffer body, MultiMap headers) {
    if (exitBody != null) {
      throw new IllegalStateException("exit called twice");
    }
    this.status = status;
    this.exitBody = body;
    if (headers != null) {
      responseHeaders.addAll(headers);
    }
  }

  @Override
  public boolean exited() {
    return exitBody != null;
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
    return 0;
  }

  @Override
  public long upstreamLatencyMillis() {
    return -1;
  }

  @Override
  public long requestBytes() {
    return body.length();
  }

  @Override
  public long responseBytes() {
    return exitBody == null ? 0 : exitBody.length();
  }
}
