package io.silverback.gateway.node;

import io.silverback.core.conf.NodeConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/**
 * A node's prefix directory, as Kong's ({@code kong/cmd/utils/prefix_handler.lua}):
 * <pre>
 * &lt;prefix&gt;/                 0700, created when missing
 *   .silverback.conf        the effective configuration, secrets REDACTED (Kong's .kong_env)
 *   node_id                 this node's id ({@link NodeId})
 *   pids/silverback.pid     the running node's pid ({@link PidFile})
 *   logs/error.log          what a background node prints
 * </pre>
 * Unlike Kong's {@code .kong_env}, the effective configuration never holds secrets in the clear:
 * commands that read it ({@code health}, {@code stop}) take secrets from the configuration file or
 * the environment instead.
 */
public final class Prefix {
  /** The effective configuration's file name. */
  public static final String CONF_FILE = ".silverback.conf";

  private final Path root;

  public Prefix(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The prefix of {@code conf}. */
  public static Prefix of(NodeConf conf) {
    return new Prefix(conf.prefix());
  }

  /**
   * Creates the directories (the prefix itself 0700) and writes the effective configuration.
   *
   * @throws NodeException when a directory or the file cannot be written
   */
  public Prefix prepare(NodeConf conf) {
    try {
      if (!Files.isDirectory(root)) {
        Files.createDirectories(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
      }
      Files.createDirectories(logs());
      Files.createDirectories(pidFile().path().getParent());
      String header = "# The effective configuration of the node started " + Instant.now() + ".\n"
          + "# Written by Silverback; secrets are shown as " + NodeConf.REDACTED + " (redacted).\n";
      AtomicWrite.write(confFile(), header + conf.render());
    } catch (IOException | UnsupportedOperationException e) {
      throw new NodeException("cannot prepare the prefix " + root + ": " + e.getMessage(), e);
    }
    return this;
  }

  public Path root() {
    return root;
  }

  /** The effective configuration of the node last started here, redacted. */
  public Path confFile() {
    return root.resolve(CONF_FILE);
  }

  public Path logs() {
    return root.resolve("logs");
  }

  /** Where a background node's output goes. */
  public Path errorLog() {
    return logs().resolve("error.log");
  }

  public PidFile pidFile() {
    return new PidFile(root.resolve("pids").resolve("silverback.pid"));
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
