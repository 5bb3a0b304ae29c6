package io.silverback.gateway.admin;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  private final boolean latencyHeader;
  private final Map<String, Map<HttpMethod, AdminHandler>> table = new LinkedHashMap<>();
  /**
   * The templates that win over less literal ones of the same shape (by their segments): every
   * literal template ({@code /plugins/enabled}), and every one with a literal segment where an
   * otherwise matching template has a parameter ({@code /upstreams/{upstreams}/targets/all} over
   * {@code /upstreams/{upstreams}/targets/{targets}}).
   */
  private final Map<String, String[]> specific = new ConcurrentHashMap<>();

  /** @param latencyHeader whether replies carry {@code X-Kong-Admin-Latency} */
  AdminRoutes(Router router, boolean latencyHeader) {
    this.router = router;
    this.latencyHeader = latencyHeader;
  }

  /** The Vert.x router under the table. */
  public Router router() {
    return router;
  }

  /**
   * Serves {@code method} on {@code template}: literal segments and {@code {name}} parameters,
   * read with {@link AdminRequest#param(String)}. A more literal template ({@code /plugins/enabled},
   * {@code /upstreams/{upstreams}/targets/all}) wins over one with a parameter in its place
   * ({@code /plugins/{plugins}}) for every method, whichever was added first: a method it does not
   * serve is 405 {@code Method not allowed}.
   *
   * @throws IllegalStateException when {@code method} is already served on {@code template}
   */
  public AdminRoutes add(String template, HttpMethod method, AdminHandler handler) {
    Map<HttpMethod, AdminHandler> methods = table.computeIfAbsent(template, t -> new LinkedHashMap<>());
    String[] own = segments(template);
    if (methods.isEmpty()) {
      router.route(HttpMethod.OPTIONS, vertxPath(template))
          .handler(ctx -> {
            if (shadowed(ctx, own)) {
              ctx.next();
              return;
            }
            if (!ctx.response().headers().contains("Access-Control-Allow-Headers")) {
              ctx.response().putHeader("Access-Control-Allow-Headers", "Content-Type");
            }
            Replies.write(ctx, options(table.get(template)));
          });
      markSpecific(template, own);
    }
    if (methods.putIfAbsent(method, handler) != null) {
      throw new IllegalStateException(method + " " + template + " is served twice");
    }
    router.route(method, vertxPath(template)).handler(ctx -> serve(ctx, own, handler));
    if (method == HttpMethod.GET) {
      router.route(HttpMethod.HEAD, vertxPath(template)).handler(ctx -> serve(ctx, own, handler));
    }
    return this;
  }

  /**
   * Makes {@code template} (when literal, or more literal than a template already added) and any
   * template already added that is more literal than it win over the less literal ones.
   */
  private void markSpecific(String template, String[] own) {
    boolean literal = !PARAM.matcher(template).find();
    for (String other : new ArrayList<>(table.keySet())) {
      String[] theirs = segments(other);
      if (literal || moreLiteral(own, theirs)) {
        refuseUnservedOn(template, own);
      }
      if (moreLiteral(theirs, own)) {
        refuseUnservedOn(other, theirs);
      }
    }
  }

  private void refuseUnservedOn(String template, String[] segments) {
    if (specific.putIfAbsent(template, segments) == null) {
      router.route(vertxPath(template)).handler(ctx -> {
        if (shadowed(ctx, segments)) {
          ctx.next();
        } else {
          refuseUnserved(ctx, template);
        }
      });
    }
  }

  /** Runs {@code handler}, unless a more literal template matches the request's path. */
  private void serve(RoutingContext ctx, String[] own, AdminHandler handler) {
    if (shadowed(ctx, own)) {
      ctx.next();
    } else {
      Replies.dispatch(ctx, handler, latencyHeader);
    }
  }

  /** Whether a template more literal than {@code own} matches the request's path; it then handles it. */
  private boolean shadowed(RoutingContext ctx, String[] own) {
    String path = ctx.normalizedPath();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String[] given = path.split("/", -1);
    for (String[] other : specific.values()) {
      if (other != own && other.length == given.length && moreLiteral(other, own) && matches(other, given)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code a} has a literal where {@code b} has a parameter, and agrees with it elsewhere. */
  private static boolean moreLiteral(String[] a, String[] b) {
    if (a.length != b.length) {
      return false;
    }
    boolean more = false;
    for (int i = 0; i < a.length; i++) {
      boolean aParam = a[i].startsWith("{");
      boolean bParam = b[i].startsWith("{");
      if (!bParam && (aParam || !a[i].equals(b[i]))) {
        return false;
      }
      more |= bParam && !aParam;
    }
    return more;
  }

  private static boolean matches(String[] template, String[] given) {
    for (int i = 0; i < template.length; i++) {
      if (!template[i].startsWith("{") && !template[i].equals(given[i])) {
        return false;
      }
    }
    return true;
  }

  private static String[] segments(String template) {
    return template.split("/", -1);
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
