package io.silverback.gateway.plugins;

import io.silverback.core.conf.NodeConf;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.PluginCatalog;
import io.vertx.core.Vertx;
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
    List<GatewayPlugin> plugins = new ArrayList<>();
    return PluginCatalog.of(plugins);
  }
}
