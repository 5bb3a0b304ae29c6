package io.silverback.core.router;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The stream routes ({@code protocols} {@code tcp} or {@code tls}) of one {@link Config}, compiled
 * for matching connections as Kong's stream subsystem does with {@code traditional_compatible}
 * ({@code kong/router/transform.lua}: {@code get_expression} and {@code stream_get_priority}).
 * The HTTP {@link Router} leaves these routes out, and this one leaves HTTP routes out, so neither
 * kind ever matches the other's traffic. Immutable and thread-safe; build one per snapshot.
 *
 * <p>Routes are tried from the highest priority down, equal priorities by id, highest first, as
 * the ATC router orders them; the first that matches wins. A plain scan beats an index here: a
 * connection is matched once, not once per request, and stream routes are few.
 *
 * <p>Departures from compat, both on purpose: a route matches only connections of a protocol it
 * lists ({@code tcp} on plain listeners, {@code tls} on {@code ssl} ones), where compat ignores
 * the protocol and Kong's runloop then fails a {@code tcp} route matched on a TLS listener; and
 * routes that list only {@code udp} or {@code tls_passthrough} are not served ({@link
 * #unserved()} names them so the node can say so).
 */
public final class StreamRouter {
  private static final Comparator<StreamRoute> DESCENDING = (a, b) -> {
    int byPriority = Long.compareUnsigned(b.priority(), a.priority());
    return byPriority != 0 ? byPriority : b.id().compareTo(a.id());
  };

  /** The service protocols this proxy can carry a stream to (Kong's stream subsystem adds {@code udp}). */
  private static final Set<String> STREAM_SERVICES = Set.of("tcp", "tls");

  private final StreamRoute[] routes;
  private final List<String> unserved;

  private StreamRouter(StreamRoute[] routes, List<String> unserved) {
    this.routes = routes;
    this.unserved = unserved;
  }

  /**
   * Compiles every stream route of {@code config} whose service is enabled. Routes without a
   * service, or whose service speaks neither {@code tcp} nor {@code tls}, are left out, as Kong's
   * runloop leaves out those without a stream service ({@code get_service_for_route}), and named in
   * {@link #unserved()}.
   *
   * @throws RouterException naming the route when a source or destination address does not parse
   */
  public static StreamRouter compile(Config config) {
    List<StreamRoute> out = new ArrayList<>();
    List<String> unserved = new ArrayList<>();
    for (Entity route : config.all("routes")) {
      if (!Protocols.stream(route.get("protocols"))) {
        continue;
      }
      String serviceId = route.foreignId("service");
      Entity service = serviceId == null ? null : config.get("services", serviceId).orElse(null);
      if (service != null && !service.get("enabled").asBoolean(true)) {
        continue;
      }
      if (service == null || !STREAM_SERVICES.contains(service.text("protocol"))) {
        unserved.add("route " + route.id() + " (" + (service == null ? "no service"
            : "service " + service.id() + " has protocol '" + service.text("protocol") + "'") + ")");
        continue;
      }
      StreamRoute compiled = StreamRoute.of(route, service);
      if (compiled.protocols().size() < route.get("protocols").size()) {
        unserved.add("route " + route.id() + " (protocols " + route.get("protocols") + ")");
      }
      if (!compiled.protocols().isEmpty()) {
        out.add(compiled);
      }
    }
    StreamRoute[] routes = out.toArray(new StreamRoute[0]);
    Arrays.sort(routes, DESCENDING);
    return new StreamRouter(routes, List.copyOf(unserved));
  }

  /** The number of stream routes served. */
  public int size() {
    return routes.length;
  }

  /**
   * Routes not served, each as {@code route <id> (<why>)}: those that list {@code udp} or {@code
   * tls_passthrough} (a route that also lists {@code tcp} or {@code tls} is still served for
   * those), and those without a service or with a service that cannot carry a stream.
   */
  public List<String> unserved() {
    return unserved;
  }

  /**
   * Finds the route for a connection.
   *
   * @return the match, or null when no route matches (the proxy closes the connection)
   */
  public StreamMatch match(StreamConnection connection) {
    for (StreamRoute r : routes) {
      if (r.matches(connection)) {
        return new StreamMatch(r.route(), r.service());
      }
    }
    return null;
  }
}
