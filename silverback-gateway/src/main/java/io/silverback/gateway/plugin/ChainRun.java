package io.silverback.gateway.plugin;

import io.silverback.core.config.Entity;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The plugins of one exchange. The access phase resolves each plugin's configuration just before
 * running it (Kong's collecting iterator), so it sees the consumer authenticated so far; the later
 * phases run what access resolved. A plugin whose access completes synchronously is followed in a
 * loop, not a callback, so a long chain does not grow the stack.
 */
final class ChainRun implements PluginRun {
  private final List<ScopedConfigs> plugins;
  private final ProxyExchange ex;
  private final List<Configured> resolved = new ArrayList<>();
  private final String protocol;

  ChainRun(List<ScopedConfigs> plugins, ProxyExchange ex) {
    this.plugins = plugins;
    this.ex = ex;
    this.protocol = ex.protocol();
  }

  @Override
  public Future<Void> access() {
    return from(0, null);
  }

  /**
   * Runs the access phases from plugin {@code start}. While they complete at once no promise is
   * made: {@code done} is created by the first plugin that answers later, and completed by the
   * callbacks that follow it.
   */
  private Future<Void> from(int start, Promise<Void> done) {
    for (int i = start; i < plugins.size(); i++) {
      if (ex.exited()) {
        break;
      }
      Configured c = resolve(plugins.get(i));
      if (c == null) {
        continue;
      }
      resolved.add(c);
      Future<Void> f = c.plugin().access(ex, c.config());
      if (!f.isComplete()) {
        Promise<Void> later = done != null ? done : Promise.promise();
        int next = i + 1;
        f.onComplete(ar -> {
          if (ar.failed()) {
            later.tryFail(ar.cause());
          } else {
            from(next, later);
          }
        });
        return later.future();
      }
      if (f.failed()) {
        return finish(done, f.cause());
      }
    }
    return finish(done, null);
  }

  private static Future<Void> finish(Promise<Void> done, Throwable failure) {
    if (done == null) {
      return failure == null ? Future.succeededFuture() : Future.failedFuture(failure);
    }
    if (failure == null) {
      done.tryComplete();
    } else {
      done.tryFail(failure);
    }
    return done.future();
  }

  private Configured resolve(ScopedConfigs configs) {
    Entity route = ex.route();
    Entity service = ex.service();
    Entity consumer = ex.consumer();
    Configured c = configs.lookup(route == null ? null : route.id(), service == null ? null : service.id(),
        consumer == null ? null : consumer.id());
    return c != null && c.runsFor(protocol) ? c : null;
  }

  @Override
  public void headerFilter() {
    resolved.forEach(c -> c.plugin().headerFilter(ex, c.config()));
  }

  @Override
  public boolean buffersResponse() {
    for (Configured c : resolved) {
      if (c.plugin().buffersResponse(c.config())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Buffer bodyFilter(Buffer body) {
    Buffer b = body;
    for (Configured c : resolved) {
      if (c.plugin().buffersResponse(c.config())) {
        b = c.plugin().bodyFilter(ex, c.config(), b);
      }
    }
    return b;
  }

  @Override
  public void log() {
    resolved.forEach(c -> c.plugin().log(ex, c.config()));
  }
}
