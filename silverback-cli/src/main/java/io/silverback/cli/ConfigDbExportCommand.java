package io.silverback.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeReader;
import io.silverback.core.schema.Json;
import io.silverback.ops.config.DbExport;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code silverback config db_export [FILE]}: the database as a 3.0 declarative file. */
@Command(
    name = "db_export",
    mixinStandardHelpOptions = true,
    description = {
      "Export every entity of the database to a declarative file (default kong.yml, as Kong; .json for JSON; - for standard output).",
      "One consistent snapshot, in dependency order, with _transform: false so password hashes stay hashes;",
      "db_import and config parse accept the file. The file is written atomically with mode 0600."
    },
    footer = {"", "Exit codes: 0 exported, 1 failure (file exists without --force, database error), 2 usage error."})
public final class ConfigDbExportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  NodeOptions node;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "kong.yml",
      description = "Where to write (default: ${DEFAULT-VALUE}); '-' writes YAML to standard output.")
  String file;

  @Option(names = "--force", description = "Overwrite FILE if it exists.")
  boolean force;

  @Option(names = "--format", description = "yaml or json for standard output (default yaml).", defaultValue = "yaml")
  DeclarativeReader.Syntax format;

  @Option(names = "--json", description = "Print the result (file, entity counts) as JSON.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
  boolean quiet;

  @Override
  public Integer call() {
    boolean toStdout = file.equals("-");
    Progress progress = new Progress(spec.commandLine().getErr(), quiet || json || toStdout);
    try (StoreSession session = StoreSession.open(node.conf(), "config db_export")) {
      progress.step("reading the database");
      if (toStdout) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DbExport.toStream(session.store(), format, bytes);
        PrintWriter out = spec.commandLine().getOut();
        out.print(bytes.toString(StandardCharsets.UTF_8));
        out.flush();
        return ExitCodes.OK;
      }
      Config config = DbExport.toFile(session.store(), Path.of(file), force);
      print(config);
      return ExitCodes.OK;
    }
  }

  private void print(Config config) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      ObjectNode body = Json.object().put("status", "ok").put("file", file).put("entities", config.size());
      ObjectNode counts = body.putObject("counts");
      config.counts().forEach(counts::put);
      out.println(body.toPrettyString());
    } else if (!quiet) {
      out.printf("exported %d entities to %s%n", config.size(), file);
    }
    out.flush();
  }
}
