package io.silverback.gateway.plugins.filelog;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.plugin.FileLogPlugin;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.ProxyExchange;
import io.silverback.gateway.plugins.log.CustomFields;
import io.silverback.gateway.plugins.log.LogSerializer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Kong's {@code file-log} (kong/plugins/file-log/handler.lua): one JSON line per request, Kong's
 * serialized request ({@link LogSerializer}), appended to {@code path} by a writer thread. A
 * relative path is relative to the node's prefix, which is Kong's working directory.
 */
public final class FileLogHandler implements GatewayPlugin {
  private final Path prefix;
  private final LongSupplier epochMillis;
  private final LogFileWriter writer = new LogFileWriter();
  private final CustomFields customFields = new CustomFields(FileLogPlugin.NAME);

  /**
   * @param prefix the node's prefix, against which relative paths resolve
   */
  public FileLogHandler(Path prefix) {
    this(prefix, System::currentTimeMillis);
  }

  FileLogHandler(Path prefix, LongSupplier epochMillis) {
    this.prefix = prefix;
    this.epochMillis = epochMillis;
  }

  @Override
  public String name() {
    return FileLogPlugin.NAME;
  }

  @Override
  public int priority() {
    return FileLogPlugin.PRIORITY;
  }

  @Override
  public void log(ProxyExchange exchange, JsonNode config) {
    customFields.check(config);
    String line = LogSerializer.serialize(exchange, System.nanoTime(), epochMillis.getAsLong()).toString();
    writer.append(prefix.resolve(config.path("path").asText()), line, config.path("reopen").asBoolean(false));
  }

  /** Completes when the lines logged so far are written. */
  public CompletableFuture<Void> flush() {
    return writer.flush();
  }

  @Override
  public void close() {
    writer.close();
  }
}
