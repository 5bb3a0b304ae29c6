package io.silverback.gateway.plugins;

import io.silverback.core.conf.NodeConf;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.PluginCatalog;
import io.silverback.gateway.plugins.acl.AclHandler;
import io.silverback.gateway.plugins.basicauth.BasicAuthHandler;
import io.silverback.gateway.plugins.hmacauth.HmacAuthHandler;
import io.silverback.gateway.plugins.jwt.JwtHandler;
import io.silverback.gateway.plugins.keyauth.KeyAuthHandler;
import io.vertx.core.Vertx;
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
   */
  public static PluginCatalog catalog(Vertx vertx, NodeConf conf) {
    Clock clock = Clock.systemUTC();
    List<GatewayPlugin> plugins = new ArrayList<>();
    plugins.add(new AclHandler());
    plugins.add(new BasicAuthHandler());
    plugins.add(new HmacAuthHandler(clock));
    plugins.add(new JwtHandler(clock));
    plugins.add(new KeyAuthHandler(clock));
    return PluginCatalog.of(plugins);
  }
}
