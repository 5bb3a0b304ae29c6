package io.silverback.gateway.admin;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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

  AdminRoutes(Router router) {
    this.router = router;
  }

  /** The Vert.x router under the table. */
  public Router router() {
    return router;
  }

  /**
   * Serves {@code method} on {@code template}: literal segments and {@code {name}} parameters,
   * read with {@link AdminRequest#param(String)}. A template already taken by a literal path
   * wins over a parameter only when added first, so add literal paths before parameterised ones.
   *
   * @throws IllegalStateException when {@code method} is already served on {@code template}
   */
  public AdminRoutes add(String template, HttpMethod method, AdminHandler handler) {
    Map<HttpMethod, AdminHandler> methods = table.computeIfAbsent(template, t -> new LinkedHashMap<>());
    if (methods.isEmpty()) {
      router.route(HttpMethod.OPTIONS, vertxPath(template))
          .handler(ctx -> {
            if (!ctx.response().headers().contains("Access-Control-Allow-Headers")) {
              ctx.response().putHeader("Access-Control-Allow-Headers", "Content-Type");
            }
            Replies.write(ctx, options(table.get(template)));
          });
    }
    if (methods.putIfAbsent(method, handler) != null) {
      throw new IllegalStateException(method + " " + template + " is served twice");
    }
    router.route(method, vertxPath(template)).handler(ctx -> Replies.dispatch(ctx, handler));
    if (method == HttpMethod.GET) {
      router.route(HttpMethod.HEAD, vertxPath(template)).handler(ctx -> Replies.dispatch(ctx, handler));
    }
    return this;
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
