package io.silverback.gateway.plugins;

import io.silverback.core.conf.NodeConf;
import io.silverback.gateway.node.NodeId;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.PluginCatalog;
import io.silverback.gateway.plugins.acl.AclHandler;
import io.silverback.gateway.plugins.basicauth.BasicAuthHandler;
import io.silverback.gateway.plugins.correlationid.CorrelationIdHandler;
import io.silverback.gateway.plugins.cors.CorsHandler;
import io.silverback.gateway.plugins.filelog.FileLogHandler;
import io.silverback.gateway.plugins.hmacauth.HmacAuthHandler;
import io.silverback.gateway.plugins.httplog.HttpLogHandler;
import io.silverback.gateway.plugins.iprestriction.IpRestrictionHandler;
import io.silverback.gateway.plugins.jwt.JwtHandler;
import io.silverback.gateway.plugins.keyauth.KeyAuthHandler;
import io.silverback.gateway.plugins.prometheus.KongMetrics;
import io.silverback.gateway.plugins.prometheus.PrometheusHandler;
import io.silverback.gateway.plugins.ratelimiting.RateLimitingHandler;
import io.silverback.gateway.plugins.requestsizelimiting.RequestSizeLimitingHandler;
import io.silverback.gateway.plugins.requesttermination.RequestTerminationHandler;
import io.silverback.gateway.plugins.requesttransformer.RequestTransformerHandler;
import io.silverback.gateway.plugins.responsetransformer.ResponseTransformerHandler;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The catalog of plugins a node runs: every built-in plugin, created for one node. */
public final class BuiltInPlugins {
  private BuiltInPlugins() {}

  /**
   * The built-in plugins, created on {@code vertx} with the node's configuration.
   *
   * @param vertx the node's Vert.x, for plugins that keep clients or timers
   * @param conf the node's configuration
   * @return a catalog holding one instance of each built-in plugin
   * @throws io.silverback.gateway.node.NodeException when the node id cannot be read from the prefix
   */
  public static PluginCatalog catalog(Vertx vertx, NodeConf conf) {
    Clock clock = Clock.systemUTC();
    List<GatewayPlugin> plugins = new ArrayList<>();
    plugins.add(new AclHandler());
    plugins.add(new BasicAuthHandler());
    plugins.add(new HmacAuthHandler(clock));
    plugins.add(new JwtHandler(clock));
    plugins.add(new KeyAuthHandler(clock));
    plugins.addAll(traffic(vertx, conf));
    return PluginCatalog.of(plugins);
  }

  /** The non-authentication plugins: traffic control, transformations, logging and metrics. */
  private static List<GatewayPlugin> traffic(Vertx vertx, NodeConf conf) {
    return List.of(
        new CorrelationIdHandler(),
        new CorsHandler(),
        new IpRestrictionHandler(),
        new RequestSizeLimitingHandler(),
        new RateLimitingHandler(),
        new RequestTransformerHandler(),
        new ResponseTransformerHandler(),
        new PrometheusHandler(new KongMetrics()),
        new HttpLogHandler(vertx),
        new FileLogHandler(conf.prefix()),
        new RequestTerminationHandler(NodeId.of(conf.prefix()), hostname()));
  }

  /** The host name, as Kong's {@code kong.node.get_hostname()}; from the environment when set. */
  private static String hostname() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
