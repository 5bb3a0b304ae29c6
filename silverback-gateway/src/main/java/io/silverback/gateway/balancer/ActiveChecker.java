package io.silverback.gateway.balancer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Active health checks of one upstream (lua-resty-healthcheck's {@code checker_callback} and
 * {@code run_single_check}): every {@code healthy.interval} the targets currently healthy are
 * probed, every {@code unhealthy.interval} the unhealthy ones, each with one {@code GET
 * http_path} whose status, connection failure or timeout is counted by the active rules. Probes of
 * type {@code grpc} and {@code grpcs} speak HTTP/2 (h2c with prior knowledge, TLS with ALPN h2),
 * since their targets are gRPC servers; lua-resty-healthcheck sends them HTTP/1.1 (README).
 *
 * <p>Probes run on Vert.x timers with a non-blocking client; {@code concurrency} work packages
 * run side by side, each probing its targets one after another. The first round comes one
 * interval after start, as in Kong. A checker outlives snapshots: the registry hands it the new
 * targets ({@link #retarget}) as long as the upstream's probe settings stay the same, so frequent
 * reloads do not keep pushing the next probe back. Thread-safe.
 */
final class ActiveChecker implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ActiveChecker.class.getName());
  private final Vertx vertx;
  private final HttpClient client;
  private final String upstream;
  private final Healthchecks settings;
  private final List<Long> timers = new ArrayList<>();
  private volatile Targets targets;

  /** What one round probes, and whom it tells of availability changes. */
  private record Targets(List<Address> addresses, String hostHeader, Runnable flipped) {}

  ActiveChecker(Vertx vertx, HttpClient client, String upstream, Healthchecks settings) {
    this.vertx = vertx;
    this.client = client;
    this.upstream = upstream;
    this.settings = settings;
  }

  /** The settings this checker probes with; another set needs another checker. */
  Healthchecks settings() {
    return settings;
  }

  /** Probes {@code addresses} (those with weight above 0) from now on. */
  void retarget(List<Address> addresses, String hostHeader, Runnable flipped) {
    List<Address> weighted = addresses.stream().filter(a -> a.weight() > 0).toList();
    targets = new Targets(weighted, hostHeader, flipped);
  }

  /** Starts the timers of the intervals that are set. */
  synchronized void start() {
    Healthchecks.Probe probe = settings.probe();
    if (probe.healthyIntervalMillis() > 0) {
      timers.add(vertx.setPeriodic(probe.healthyIntervalMillis(), id -> probe(true)));
    }
    if (probe.unhealthyIntervalMillis() > 0) {
      timers.add(vertx.setPeriodic(probe.unhealthyIntervalMillis(), id -> probe(false)));
    }
  }

  /**
   * One round: probes the targets now healthy ({@code healthyOnes}) or now unhealthy.
   *
   * @return completes when every probe of the round has been counted
   */
  Future<Void> probe(boolean healthyOnes) {
    Targets now = targets;
    if (now == null) {
      return Future.succeededFuture();
    }
    List<Address> due = now.addresses().stream()
        .filter(a -> a.state().health().probedAsHealthy() == healthyOnes).toList();
    int packages = Math.min(settings.probe().concurrency(), due.size());
    List<Future<Void>> running = new ArrayList<>();
    for (int p = 0; p < packages; p++) {
      List<Address> work = new ArrayList<>();
      for (int i = p; i < due.size(); i += packages) {
        work.add(due.get(i));
      }
      running.add(sequentially(work, 0, now));
    }
    return Future.join(running).mapEmpty();
  }

  private Future<Void> sequentially(List<Address> work, int i, Targets now) {
    if (i == work.size()) {
      return Future.succeededFuture();
    }
    return check(work.get(i), now).compose(v -> sequentially(work, i + 1, now));
  }

  /** One probe of {@code a}; never fails (a failed probe is a counted failure). */
  private Future<Void> check(Address a, Targets now) {
    Healthchecks.Probe probe = settings.probe();
    Checks rules = settings.active();
    TargetHealth health = a.state().health();
    return client.request(options(a, probe))
        .compose(req -> {
          req.authority(HostAndPort.create(now.hostHeader() != null ? now.hostHeader() : a.name(), -1));
          probe.headers().forEach((k, v) -> req.putHeader(k, v));
          // The body is asked for in the listener of send() itself, which runs as the response
          // arrives: one step later in the outer chain, a round started off the event loop (a
          // test, a reload) could see the whole response go by first and wait for its body forever
          // (19 rounds of 300 on a loaded 2-core machine).
          return req.send().compose(resp -> resp.body().map(b -> resp.statusCode()));
        })
        .map(status -> health.reportStatus(status, rules))
        .recover(e -> Future.succeededFuture(timedOut(e)
            ? health.count(TargetHealth.Counter.TIMEOUT, rules.timeouts())
            : health.count(TargetHealth.Counter.TCP_FAILURE, rules.tcpFailures())))
        .map(flipped -> {
          if (flipped) {
            LOG.log(System.Logger.Level.WARNING, "[healthchecks] upstream {0}: target {1} is now {2}: {3}",
                upstream, a.target(), health.available() ? "healthy" : "unhealthy", health);
            now.flipped().run();
          }
          return null;
        });
  }

  private static RequestOptions options(Address a, Healthchecks.Probe probe) {
    RequestOptions o = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setServer(SocketAddress.inetSocketAddress(a.port(), a.peer().host()))
        .setHost(probe.httpsSni() != null ? probe.httpsSni() : a.peer().host())
        .setPort(a.port())
        .setURI(probe.httpPath())
        .setConnectTimeout(probe.timeoutMillis())
        .setTimeout(probe.timeoutMillis())
        .setFollowRedirects(false);
    if (probe.tls()) {
      ClientSSLOptions tls = new ClientSSLOptions()
          .setTrustAll(!probe.verifyCertificate())
          .setHostnameVerificationAlgorithm(probe.verifyCertificate() ? "HTTPS" : "");
      if (probe.http2()) {
        tls.setUseAlpn(true).setApplicationLayerProtocols(List.of("h2"));
      }
      o.setSsl(true).setSslOptions(tls);
    }
    return o;
  }

  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
        return true;
      }
    }
    return false;
  }

  /** Stops the timers; a round under way finishes. */
  @Override
  public synchronized void close() {
    timers.forEach(vertx::cancelTimer);
    timers.clear();
  }
}
