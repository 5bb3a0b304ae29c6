package io.silverback.gateway.admin;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Admin API's route table, as Kong's {@code api_helpers.attach_routes} builds it: each path
 * template ({@code /services/{services}/routes}) with its methods, plus {@code HEAD} wherever
 * there is {@code GET} and an {@code OPTIONS} that lists them. Handlers run on worker threads
 * and their failures reach the one error boundary.
 *
 * <p>This is where other parts of the node mount routes of their own (DB-less {@code /config}):
 * pass a {@code Consumer<AdminRoutes>} to {@link AdminServer#start(io.vertx.core.Vertx,
 * AdminContext, String, int, AdminOptions, java.util.function.Consumer)}; {@link #router()} is
 * there for handlers that must stay on the event loop.
 */
public final class AdminRoutes {
  private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z0-9_]+)}");
  private final Router router;
  private final Map<String, Map<HttpMethod, AdminHandler>> table = new LinkedHashMap<>();
  /** The templates without parameters ({@code /plugins/enabled}), which win over parameterised ones. */
  private final Set<String> literals = ConcurrentHashMap.newKeySet();

  AdminRoutes(Router router) {
    this.router = router;
  }

  /** The Vert.x router under the table. */
  public Router router() {
    return router;
  }

  /**
   * Serves {@code method} on {@code template}: literal segments and {@code {name}} parameters,
   * read with {@link AdminRequest#param(String)}. A literal template ({@code /plugins/enabled})
   * wins over a parameterised one ({@code /plugins/{plugins}}) for every method, whichever was
   * added first: a method it does not serve is 405 {@code Method not allowed}.
   *
   * @throws IllegalStateException when {@code method} is already served on {@code template}
   */
  public AdminRoutes add(String template, HttpMethod method, AdminHandler handler) {
    Map<HttpMethod, AdminHandler> methods = table.computeIfAbsent(template, t -> new LinkedHashMap<>());
    boolean literal = !PARAM.matcher(template).find();
    if (methods.isEmpty()) {
      router.route(HttpMethod.OPTIONS, vertxPath(template))
          .handler(ctx -> {
            if (!literal && shadowed(ctx)) {
              ctx.next();
              return;
            }
            if (!ctx.response().headers().contains("Access-Control-Allow-Headers")) {
              ctx.response().putHeader("Access-Control-Allow-Headers", "Content-Type");
            }
            Replies.write(ctx, options(table.get(template)));
          });
      if (literal) {
        literals.add(template);
        router.route(vertxPath(template)).handler(ctx -> refuseUnserved(ctx, template));
      }
    }
    if (methods.putIfAbsent(method, handler) != null) {
      throw new IllegalStateException(method + " " + template + " is served twice");
    }
    router.route(method, vertxPath(template)).handler(ctx -> serve(ctx, literal, handler));
    if (method == HttpMethod.GET) {
      router.route(HttpMethod.HEAD, vertxPath(template)).handler(ctx -> serve(ctx, literal, handler));
    }
    return this;
  }

  /** Runs {@code handler}, unless a parameterised route matched a literal template's path. */
  private void serve(RoutingContext ctx, boolean literal, AdminHandler handler) {
    if (!literal && shadowed(ctx)) {
      ctx.next();
    } else {
      Replies.dispatch(ctx, handler);
    }
  }

  /** Whether the request's path is a literal template's, which then handles it. */
  private boolean shadowed(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return literals.contains(path);
  }

  /** Passes a method {@code template} serves on to its route; answers any other with 405. */
  private void refuseUnserved(RoutingContext ctx, String template) {
    HttpMethod method = ctx.request().method();
    Map<HttpMethod, AdminHandler> served = table.get(template);
    if (served.containsKey(method) || method == HttpMethod.OPTIONS
        || method == HttpMethod.HEAD && served.containsKey(HttpMethod.GET)) {
      ctx.next();
    } else {
      Replies.write(ctx, ErrorBoundary.byStatus(405));
    }
  }

  /** Every template, sorted as Kong's {@code /endpoints} sorts them (segment by segment). */
  public List<String> templates() {
    TreeSet<String> sorted = new TreeSet<>(Comparator.comparing(t -> t.replace('/', '\0')));
    sorted.addAll(table.keySet());
    return new ArrayList<>(sorted);
  }

  private static Reply options(Map<HttpMethod, AdminHandler> methods) {
    TreeSet<String> names = new TreeSet<>();
    methods.keySet().forEach(m -> names.add(m.name()));
    if (names.contains("GET")) {
      names.add("HEAD");
    }
    names.add("OPTIONS");
    return new Reply(204, null, Map.of("Allow", String.join(", ", names),
        "Access-Control-Allow-Methods", String.join(", ", names)));
  }

  static String vertxPath(String template) {
    Matcher m = PARAM.matcher(template);
    return m.replaceAll(r -> ":" + r.group(1));
  }
}
