package io.silverback.gateway.node;

import io.silverback.core.conf.Listener;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfig;
import io.silverback.core.plugin.PrometheusPlugin;
import io.silverback.gateway.admin.AdminContext;
import io.silverback.gateway.admin.AdminOptions;
import io.silverback.gateway.admin.AdminRoutes;
import io.silverback.gateway.admin.AdminServer;
import io.silverback.gateway.admin.BalancerRoutes;
import io.silverback.gateway.admin.ConfigEndpoint;
import io.silverback.gateway.admin.DatabaseModeConfig;
import io.silverback.gateway.admin.MetricsRoute;
import io.silverback.gateway.balancer.BalancerRegistry;
import io.silverback.gateway.balancer.DnsSettings;
import io.silverback.gateway.cluster.ClusterHealth;
import io.silverback.gateway.plugin.PluginCatalog;
import io.silverback.gateway.plugins.BuiltInPlugins;
import io.silverback.gateway.plugins.prometheus.PrometheusHandler;
import io.silverback.gateway.proxy.ProxyOptions;
import io.silverback.gateway.proxy.ProxyServer;
import io.silverback.gateway.proxy.ProxySnapshot;
import io.silverback.gateway.proxy.ProxySnapshots;
import io.silverback.gateway.snapshot.ConfigWatcher;
import io.silverback.gateway.stream.StreamOptions;
import io.silverback.gateway.stream.StreamServer;
import io.silverback.gateway.stream.StreamSnapshots;
import io.silverback.gateway.tls.CertificateKeys;
import io.silverback.gateway.tls.DefaultCertificate;
import io.silverback.gateway.tls.SniKeyManager;
import io.silverback.gateway.tls.TlsException;
import io.silverback.store.ImportSummary;
import io.silverback.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A running Silverback node: its store, the snapshot of its configuration ({@link ConfigWatcher}),
 * the Admin API on {@code admin_listen}, the proxy on {@code proxy_listen}, the stream proxy on
 * {@code stream_listen} ({@link StreamServer}), and its pid file. {@link #start} returns once every listener is bound and the pid
 * file is written; {@link #stop} undoes it in the reverse order.
 *
 * <p>The proxy ({@link ProxyServer}) serves from {@link ProxySnapshots}, which the watcher feeds
 * with every new snapshot; the balancers follow the same snapshots, and with a database their
 * health sets are shared with the other nodes ({@link ClusterHealth}). A proxy listener flagged
 * {@code ssl} serves TLS with the certificate of the client's SNI, else the default certificate
 * ({@link SniKeyManager}, {@link DefaultCertificate}); an Admin API listener flagged {@code ssl}
 * serves the Admin API's default certificate.
 *
 * <p>Thread-safe; {@link #stop} is idempotent.
 */
public final class Node {
  private static final System.Logger LOG = System.getLogger(Node.class.getName());

  private final NodeConf conf;
  private final Prefix prefix;
  private final String id;
  private final NodeStore store;
  private final Vertx vertx;
  private final List<AdminServer> admins = new ArrayList<>();
  private final List<Integer> proxyPorts = new ArrayList<>();
  private final List<Integer> streamPorts = new ArrayList<>();
  private final PluginCatalog plugins;
  private final BalancerRegistry balancers;
  private final ClusterHealth health;
  private final ProxySnapshots served;
  private final StreamSnapshots streams;
  private ProxyServer proxy;
  private StreamServer stream;
  private final ExecutorService rebuilds = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "silverback-snapshot");
    t.setDaemon(true);
    return t;
  });
  private final ConfigWatcher snapshots;
  private boolean stopped;

  private Node(NodeConf conf, Prefix prefix, String id, NodeStore store, Vertx vertx) {
    this.conf = conf;
    this.prefix = prefix;
    this.id = id;
    this.store = store;
    this.vertx = vertx;
    this.snapshots = new ConfigWatcher(store.store(), rebuilds);
    this.plugins = BuiltInPlugins.catalog(vertx, conf);
    this.balancers = new BalancerRegistry(vertx, DnsSettings.from(conf));
    this.health = store.clusterEvents(id).map(events -> ClusterHealth.shared(balancers, events))
        .orElseGet(() -> ClusterHealth.local(balancers));
    this.served = new ProxySnapshots(snapshots.current(), plugins, balancers);
    snapshots.onSwap(served);
    this.streams = new StreamSnapshots(snapshots.current());
    snapshots.onSwap(streams);
  }

  /**
   * Starts a node: prepares the prefix, opens the store, binds the Admin API and the proxy, then
   * writes the pid file. On any failure what was opened is closed again.
   *
   * @throws NodeException when a node already runs in the prefix, a port cannot be bound (the
   *     message names key and address), a default certificate an {@code ssl} listener needs
   *     cannot be read or generated, or the DB-less declarative configuration is invalid (naming
   *     the file)
   * @throws io.silverback.store.StoreException when the database needs bootstrapping or migrating
   *     (Kong's message)
   * @throws io.silverback.store.DatabaseUnavailableException when the database cannot be reached
   * @throws io.silverback.core.conf.ConfException when a value is invalid
   */
  public static Node start(NodeConf conf) {
    return start(conf, false);
  }

  /**
   * As {@link #start(NodeConf)}, for a node that must not change its database ({@code backup verify
   * --deep}): every Admin API write answers {@code 405} as Kong's DB-less Admin API does, with the
   * message {@code cannot create 'services' entities on a read-only node}. DB-less nodes take
   * {@code POST /config} as usual.
   *
   * @throws NodeException as {@link #start(NodeConf)}
   */
  public static Node startReadOnly(NodeConf conf) {
    return start(conf, true);
  }

  private static Node start(NodeConf conf, boolean readOnly) {
    Prefix prefix = Prefix.of(conf);
    refuseIfRunning(prefix);
    List<Listener> adminListen = conf.listeners("admin_listen");
    List<Listener> proxyListen = conf.listeners("proxy_listen");
    List<Listener> streamListen = conf.listeners("stream_listen");
    prefix.prepare(conf);
    String id = NodeId.of(prefix.root());
    NodeStore store = NodeStore.open(conf, readOnly);
    // a loop per worker at least, so that nginx_worker_processes above Vert.x's default pool does not share loops
    VertxOptions vertx = new VertxOptions().setPreferNativeTransport(true);
    vertx.setEventLoopPoolSize(Math.max(vertx.getEventLoopPoolSize(), ProxyServer.workers(conf)));
    Node node = new Node(conf, prefix, id, store, Vertx.vertx(vertx));
    try {
      node.snapshots.start();
      node.bind(adminListen, proxyListen);
      node.bindStreams(streamListen);
      prefix.pidFile().write(ProcessHandle.current().pid());
    } catch (RuntimeException e) {
      node.stop();
      throw e;
    }
    LOG.log(System.Logger.Level.INFO, "node {0} started in {1}: admin {2}, proxy {3}, stream {4}, database {5}",
        id, prefix, node.adminPorts(), node.proxyPorts(), node.streamPorts(), store.describe());
    return node;
  }

  private static void refuseIfRunning(Prefix prefix) {
    Optional<ProcessHandle> running = prefix.pidFile().running();
    if (running.isPresent()) {
      throw new NodeException("Silverback is already running in " + prefix + " (pid " + running.get().pid() + ")");
    }
  }

  private void bind(List<Listener> adminListen, List<Listener> proxyListen) {
    AdminContext context = new AdminContext(store.store(), conf, id);
    AdminOptions options = AdminOptions.from(conf);
    Consumer<AdminRoutes> extra = DatabaseModeConfig::mount;
    if (store.config().isPresent()) {
      ConfigEndpoint endpoint = store.config().get();
      options = options.withConfigurationHash(endpoint::hash);
      extra = endpoint::mount;
    }
    if (plugins.get(PrometheusPlugin.NAME) instanceof PrometheusHandler prometheus) {
      extra = extra.andThen(routes -> MetricsRoute.mount(routes, prometheus.metrics()::scrape));
    }
    extra = extra.andThen(routes -> BalancerRoutes.mount(routes, context, health));
    SniKeyManager adminKeys = adminListen.stream().anyMatch(Listener::ssl)
        ? SniKeyManager.serving(defaultCertificate(DefaultCertificate.Target.ADMIN, "admin_listen")) : null;
    for (Listener l : adminListen) {
      HttpServerOptions server = ListenerOptions.of(new HttpServerOptions().setHost(l.host()).setPort(l.port()),
          l, adminKeys);
      admins.add(Bind.listen(AdminServer.start(vertx, context, server, options, extra), "admin_listen", l));
    }
    if (proxyListen.isEmpty()) {
      return;
    }
    SniKeyManager keys = proxyListen.stream().anyMatch(Listener::ssl) ? proxyKeys() : null;
    try {
      proxy = Bind.await(ProxyServer.start(vertx, served, balancers, ProxyServer.workers(conf),
          ProxyOptions.from(conf)));
    } catch (ExecutionException | TimeoutException e) {
      throw new NodeException("starting the proxy failed: " + e.getMessage(), e);
    }
    for (Listener l : proxyListen) {
      proxyPorts.add(Bind.listen(proxy.listen(l.host(), l.port(), o -> ListenerOptions.of(o, l, keys)),
          "proxy_listen", l));
    }
  }

  private void bindStreams(List<Listener> streamListen) {
    if (streamListen.isEmpty()) {
      return;
    }
    SniKeyManager keys = streamListen.stream().anyMatch(Listener::ssl) ? proxyKeys() : null;
    try {
      stream = Bind.await(StreamServer.start(vertx, streams, balancers, ProxyServer.workers(conf),
          StreamOptions.from(conf)));
    } catch (ExecutionException | TimeoutException e) {
      throw new NodeException("starting the stream proxy failed: " + e.getMessage(), e);
    }
    for (Listener l : streamListen) {
      streamPorts.add(Bind.listen(stream.listen(l, keys), "stream_listen", l));
    }
  }

  /** The proxy's server certificates: by SNI from the snapshot, else the default one. */
  private SniKeyManager proxyKeys() {
    return new SniKeyManager(snapshots::current, defaultCertificate(DefaultCertificate.Target.PROXY, "proxy_listen"));
  }

  private CertificateKeys defaultCertificate(DefaultCertificate.Target target, String key) {
    try {
      return DefaultCertificate.load(target, conf, prefix.root());
    } catch (TlsException e) {
      throw new NodeException(key + ": " + e.getMessage(), e);
    }
  }

  /**
   * Re-reads the DB-less declarative configuration of {@code fresh} and swaps it into the store
   * in one step: requests in flight finish on the old entities, connections stay open. With a
   * database there is nothing to swap (the store reads the database); keys that only take effect
   * on a restart (listeners, database settings) are not applied and are logged.
   *
   * @return what changed in the store; empty with a database
   * @throws NodeException when the declarative configuration is invalid; the node keeps the
   *     entities it had
   */
  public synchronized Optional<ImportSummary> reload(NodeConf fresh) {
    List<String> ignored = NodeConf.knownKeys().stream()
        .filter(k -> !k.startsWith("declarative_config") && !fresh.get(k).equals(conf.get(k)))
        .toList();
    if (!ignored.isEmpty()) {
      LOG.log(System.Logger.Level.WARNING, "reload: changes to {0} take effect on restart only", ignored);
    }
    if (store.config().isEmpty()) {
      return Optional.empty();
    }
    DeclarativeConfig config = DeclarativeSource.load(fresh, store.store().registry());
    ImportSummary summary = store.config().get().load(config);
    LOG.log(System.Logger.Level.INFO, "reload: declarative configuration swapped in ({0} entities)",
        config.config().size());
    return Optional.of(summary);
  }

  /**
   * Stops the node: closes the proxy and Admin API listeners, Vert.x, the store and the database
   * (stopping the embedded one this node started), then deletes the pid file. Safe to call twice.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    List<Future<Void>> closing = new ArrayList<>();
    if (proxy != null) {
      closing.add(proxy.close());
    }
    if (stream != null) {
      closing.add(stream.close());
    }
    admins.forEach(a -> closing.add(a.stop()));
    awaitQuietly(Future.join(closing));
    awaitQuietly(vertx.close());
    health.close();
    balancers.close();
    plugins.close();
    snapshots.close();
    rebuilds.shutdownNow();
    try {
      store.close();
    } finally {
      if (prefix.pidFile().read().filter(pid -> pid == ProcessHandle.current().pid()).isPresent()) {
        prefix.pidFile().delete();
      }
      LOG.log(System.Logger.Level.INFO, "node {0} stopped", id);
    }
  }

  private static void awaitQuietly(Future<?> future) {
    try {
      Bind.await(future);
    } catch (Exception e) {
      LOG.log(System.Logger.Level.WARNING, "while stopping: " + e.getMessage(), e);
    }
  }

  public String id() {
    return id;
  }

  public Prefix prefix() {
    return prefix;
  }

  public Store store() {
    return store.store();
  }

  /**
   * The configuration the proxy serves: a snapshot rebuilt off the event loop after every change
   * of the store, this node's and (with a database) every other node's, swapped atomically.
   */
  public Config snapshot() {
    return snapshots.current();
  }

  /**
   * What the proxy serves from: the last snapshot it compiled (router, plugin chain). When compiling
   * {@link #snapshot()} failed, this is still the previous one.
   */
  public ProxySnapshot proxySnapshot() {
    return served.current();
  }

  /** The balancers of the snapshot's upstreams, with their health. */
  public BalancerRegistry balancers() {
    return balancers;
  }

  /** How many snapshots have been swapped in since start (for readiness checks and tests). */
  public long snapshotGeneration() {
    return snapshots.generation();
  }

  /** Whether this node is DB-less ({@code database = off}). */
  public boolean dbless() {
    return "off".equals(store.store().strategy());
  }

  /** The bound Admin API ports, in {@code admin_listen} order (the real ones when 0 was asked). */
  public List<Integer> adminPorts() {
    return admins.stream().map(AdminServer::port).toList();
  }

  /** The bound proxy ports, in {@code proxy_listen} order. */
  public List<Integer> proxyPorts() {
    return List.copyOf(proxyPorts);
  }

  /** The bound stream ports, in {@code stream_listen} order; empty when it is {@code off}. */
  public List<Integer> streamPorts() {
    return List.copyOf(streamPorts);
  }

  /** One line for people: where the node listens and its database. */
  public String describe() {
    return "node " + id + " in " + prefix + ", admin " + adminPorts() + ", proxy " + proxyPorts()
        + ", database " + store.describe();
  }
}
