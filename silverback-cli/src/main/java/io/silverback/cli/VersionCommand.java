package io.silverback.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code silverback version}: prints the version, as {@code kong version} does. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Print Silverback's version (with --all, the Kong version it is compatible with too).")
public final class VersionCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = {"-a", "--all"}, description = "Also print the Kong and Java versions.")
  boolean all;

  @Option(names = "--json", description = "Print the versions as a JSON object.")
  boolean json;

  @Override
  public Integer call() {
    Properties p = properties();
    if (json) {
      spec.commandLine().getOut().printf("{\"version\":\"%s\",\"kong_compatible\":\"%s\",\"java\":\"%s\"}%n",
          p.getProperty("version"), p.getProperty("kong.compat.version"), System.getProperty("java.version"));
    } else if (all) {
      spec.commandLine().getOut().printf("Silverback: %s%nKong compatible: %s%nJava: %s%n",
          p.getProperty("version"), p.getProperty("kong.compat.version"), System.getProperty("java.version"));
    } else {
      spec.commandLine().getOut().println(p.getProperty("version"));
    }
    return ExitCodes.OK;
  }

  /** The build's version properties. */
  static Properties properties() {
    Properties p = new Properties();
    try (InputStream in = VersionCommand.class.getResourceAsStream("/silverback-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    p.putIfAbsent("version", "unknown");
    p.putIfAbsent("kong.compat.version", "unknown");
    return p;
  }

  /** Feeds {@code --version}. */
  public static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"silverback " + properties().getProperty("version")};
    }
  }
}
