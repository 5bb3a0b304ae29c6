package io.silverback.gateway.plugins;

import io.silverback.core.conf.NodeConf;
import io.silverback.gateway.plugin.PluginCatalog;
import io.silverback.gateway.plugins.acl.AclHandler;
import io.silverback.gateway.plugins.basicauth.BasicAuthHandler;
import io.silverback.gateway.plugins.hmacauth.HmacAuthHandler;
import io.silverback.gateway.plugins.jwt.JwtHandler;
import io.silverback.gateway.plugins.keyauth.KeyAuthHandler;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;

/** The plugins a node runs. */
public final class BuiltInPlugins {
  private BuiltInPlugins() {}

  /** Every built-in plugin, for a node of {@code conf} on {@code vertx}. */
  public static PluginCatalog catalog(Vertx vertx, NodeConf conf) {
    Clock clock = Clock.systemUTC();
    return PluginCatalog.of(List.of(
        new AclHandler(),
        new BasicAuthHandler(),
        new HmacAuthHandler(clock),
        new JwtHandler(clock),
        new KeyAuthHandler(clock)));
  }
}
