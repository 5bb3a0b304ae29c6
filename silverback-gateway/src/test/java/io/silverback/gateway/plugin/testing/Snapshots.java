package io.silverback.gateway.plugin.testing;

import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.PluginCatalog;
import io.silverback.gateway.plugin.PluginChain;
import io.silverback.gateway.plugin.PluginRun;
import io.vertx.core.Future;
import java.util.List;

/** Snapshots for plugin tests, from declarative text through the real parser (defaults, hashing, ids). */
public final class Snapshots {
  private static final DeclarativeConfigParser PARSER = DeclarativeConfigParser.of(EntityRegistry.standard());
  private Snapshots() {}

  /** The snapshot of {@code yaml} (a declarative document without {@code _format_version}). */
  public static Config of(String yaml) {
    return PARSER.parseString("_format_version: '3.0'\n" + yaml)
        .orThrow().config();
  }

  /**
   * Runs the access phase of {@code plugins} for {@code ex} through a {@link PluginChain} of its
   * snapshot, and returns the run for the later phases.
   *
   * @throws AssertionError when access did not complete synchronously and successfully
   */
  public static PluginRun access(TestExchange ex, GatewayPlugin... plugins) {
    PluginRun run = PluginChain.compile(ex.config(), PluginCatalog.of(List.of(plugins))).run(ex);
    Future<Void> done = run.access();
    if (!done.succeeded()) {
      throw new AssertionError("access did not succeed: " + done.cause(), done.cause());
    }
    return run;
  }
}
