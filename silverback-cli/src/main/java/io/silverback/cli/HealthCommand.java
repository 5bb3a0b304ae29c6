package io.silverback.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.conf.Listener;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.schema.Json;
import io.silverback.gateway.node.Prefix;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code silverback health}: as {@code kong health}, one {@code name.......state} line per part of
 * the node (the process, each Admin API and proxy listener, the database as the Admin API's
 * {@code /status} reports it), then {@code Silverback is healthy at <prefix>}. The listeners are
 * those of the running node, read from {@code <prefix>/.silverback.conf}; the admin token from this
 * command's configuration, since that file is redacted.
 */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = "Check that the node of the prefix directory runs, its listeners answer and its database is reachable.",
    footer = {"", "Exit codes: 0 healthy, 1 not running or unhealthy, 2 usage error."})
public final class HealthCommand implements Callable<Integer> {
  private static final int COLUMN = 12;

  @Spec
  CommandSpec spec;

  @Mixin
  NodeOptions node;

  @Option(names = "--json", description = "Print the result as one JSON object (and no error line).")
  boolean json;

  @Override
  public Integer call() {
    NodeConf mine = node.conf();
    Prefix prefix = Prefix.of(mine);
    NodeConf running = Files.isRegularFile(prefix.confFile())
        ? NodeConf.load(Optional.of(prefix.confFile()), Map.of(), Map.of()) : mine;
    ObjectNode report = Json.object().put("prefix", prefix.toString());
    Optional<ProcessHandle> process = Files.isDirectory(prefix.root()) ? prefix.pidFile().running() : Optional.empty();
    boolean healthy = process.isPresent();
    report.put("node", process.isPresent() ? "running" : "not running");
    process.ifPresent(p -> report.put("pid", p.pid()));
    Optional<JsonNode> status = Optional.empty();
    ArrayNode admins = report.putArray("admin");
    for (Listener l : process.isPresent() ? running.listeners("admin_listen") : List.<Listener>of()) {
      Optional<JsonNode> s = AdminProbe.status(l, mine.optional("admin_token"));
      status = status.or(() -> s);
      healthy &= s.isPresent();
      admins.addObject().put("listener", l.toString()).put("running", s.isPresent());
    }
    ArrayNode proxies = report.putArray("proxy");
    for (Listener l : process.isPresent() ? running.listeners("proxy_listen") : List.<Listener>of()) {
      boolean up = AdminProbe.accepts(l);
      healthy &= up;
      proxies.addObject().put("listener", l.toString()).put("running", up);
    }
    String database = status.map(HealthCommand::database).orElse("unknown");
    healthy &= !database.equals("unreachable");
    report.put("database", database).put("healthy", healthy);
    return json ? printJson(report, healthy) : printLines(report, healthy, process.isPresent());
  }

  /** {@code reachable}/{@code unreachable}; a DB-less node's status carries its configuration hash instead. */
  private static String database(JsonNode status) {
    if (status.has("configuration_hash")) {
      return "off (DB-less)";
    }
    return status.path("database").path("reachable").asBoolean(false) ? "reachable" : "unreachable";
  }

  private int printJson(ObjectNode report, boolean healthy) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(report.toString());
    out.flush();
    return healthy ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  private int printLines(ObjectNode report, boolean healthy, boolean running) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(line("node", report.path("node").asText() + (running ? " (pid " + report.path("pid").asLong() + ")" : "")));
    report.path("admin").forEach(a -> out.println(line("admin", state(a))));
    report.path("proxy").forEach(p -> out.println(line("proxy", state(p))));
    if (running) {
      out.println(line("database", report.path("database").asText()));
    }
    out.println();
    out.flush();
    String prefix = report.path("prefix").asText();
    if (!running) {
      throw new IllegalStateException("Silverback is not running at " + prefix);
    }
    if (!healthy) {
      throw new IllegalStateException("some services are not running at " + prefix);
    }
    out.println("Silverback is healthy at " + prefix);
    out.flush();
    return ExitCodes.OK;
  }

  private static String state(JsonNode listener) {
    return (listener.path("running").asBoolean() ? "running" : "not running") + " (" + listener.path("listener").asText() + ")";
  }

  private static String line(String name, String state) {
    return name + ".".repeat(Math.max(1, COLUMN - name.length())) + state;
  }
}
