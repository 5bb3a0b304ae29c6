package io.silverback.gateway.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Kong's Admin API on one HTTP listener: the routes generated for every entity, node
 * information, schemas, {@code /status}, and whatever other parts of the node mount through an
 * {@code extraRoutes} callback (DB-less {@code /config}).
 *
 * <p>Every request passes, in order: CORS headers, the admin token when one is configured, Kong's
 * content-type check, the body limit (413), then its route. Handlers run on worker threads since
 * store calls block; every failure reaches one error boundary that answers in Kong's shapes.
 */
public final class AdminServer {
  private final HttpServer server;

  private AdminServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts listening on {@code host:port} ({@code 0}: any free port) with options read from the
   * context's configuration ({@link AdminOptions#from}).
   *
   * @return the server, once it listens; a failed future when the port cannot be bound
   */
  public static Future<AdminServer> start(Vertx vertx, AdminContext context, String host, int port) {
    return start(vertx, context, host, port, AdminOptions.from(context.conf()), routes -> { });
  }

  /**
   * As {@link #start(Vertx, AdminContext, String, int)}, with {@code options} and routes of the
   * caller's, mounted after Kong's core routes ({@link AdminRoutes#add}).
   */
  public static Future<AdminServer> start(Vertx vertx, AdminContext context, String host, int port,
      AdminOptions options, Consumer<AdminRoutes> extraRoutes) {
    return start(vertx, context, new HttpServerOptions().setHost(host).setPort(port), options, extraRoutes);
  }

  /**
   * As {@link #start(Vertx, AdminContext, String, int, AdminOptions, Consumer)}, on the address
   * and with the server settings of {@code server} (TLS for an {@code ssl} listener).
   */
  public static Future<AdminServer> start(Vertx vertx, AdminContext context, HttpServerOptions server,
      AdminOptions options, Consumer<AdminRoutes> extraRoutes) {
    ServerStats stats = new ServerStats();
    Router router = router(vertx, context, options, extraRoutes, stats);
    HttpServer http = vertx.createHttpServer(server);
    http.connectionHandler(stats::connected);
    http.requestHandler(request -> {
      stats.request(request);
      router.handle(request);
    });
    return http.listen(server.getPort(), server.getHost()).map(AdminServer::new);
  }

  /** The Admin API's routes with options from the context's configuration, to mount elsewhere. */
  public static Router router(Vertx vertx, AdminContext context) {
    return router(vertx, context, AdminOptions.from(context.conf()), routes -> { }, new ServerStats());
  }

  /** The port the server listens on (the one chosen when started with port 0). */
  public int port() {
    return server.actualPort();
  }

  /** Stops listening and closes open connections. */
  public Future<Void> stop() {
    return server.close();
  }

  private static Router router(Vertx vertx, AdminContext context, AdminOptions options,
      Consumer<AdminRoutes> extraRoutes, ServerStats stats) {
    Router router = Router.router(vertx);
    router.route().handler(AccessFilters::cors);
    router.route().handler(AccessFilters.token(options.adminToken()));
    router.route().handler(AccessFilters::contentType);
    router.route().handler(BodyHandler.create(uploads())
        .setBodyLimit(options.bodyLimit())
        .setMergeFormAttributes(false)
        .setDeleteUploadedFilesOnEnd(true));
    AdminRoutes routes = new AdminRoutes(router, options.latencyHeader());
    InfoRoutes.register(routes, context);
    StatusRoute.register(routes, context, options, stats);
    SchemaRoutes.register(routes, context);
    TagRoutes.register(routes, context);
    EntityRoutes.register(routes, context);
    extraRoutes.accept(routes);
    ErrorBoundary boundary = new ErrorBoundary();
    router.route().failureHandler(boundary);
    for (int status : new int[] {400, 404, 405, 413, 414, 415, 500}) {
      router.errorHandler(status, boundary);
    }
    return router;
  }

  private static String uploads() {
    return Path.of(System.getProperty("java.io.tmpdir"), "silverback-admin-uploads").toString();
  }
}
