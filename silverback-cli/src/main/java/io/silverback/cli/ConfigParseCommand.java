package io.silverback.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.declarative.DeclarativeConfig;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.declarative.DeclarativeErrors;
import io.silverback.core.declarative.ParseResult;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code silverback config parse FILE}: validates a declarative file as {@code kong config parse}
 * does, printing {@code parse successful} or Kong's indented error report.
 */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = {
      "Parse and validate a declarative configuration file (.yml, .yaml or .json).",
      "Prints 'parse successful', or the errors per entity and field."
    },
    footer = {"", "Exit codes: 0 valid, 1 invalid or unreadable file, 2 usage error."})
public final class ConfigParseCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The declarative file.")
  Path file;

  @Option(names = "--json", description = "Print the result as JSON: entity counts, or Kong's error body with flattened errors.")
  boolean json;

  @Override
  public Integer call() {
    HeapGuard.check(file);
    DeclarativeConfigParser parser = DeclarativeConfigParser.of(EntityRegistry.standard());
    if (json) {
      parser = parser.keepingInputForErrors();
    }
    ParseResult result;
    try {
      result = parser.parseFile(file);
    } catch (OutOfMemoryError e) {
      throw new IllegalStateException(String.format("%s does not fit in the JVM's heap (%d MB)."
          + " Set SILVERBACK_JAVA_OPTS=-Xmx<more> and run again.", file, Runtime.getRuntime().maxMemory() >> 20), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (result.isValid()) {
      DeclarativeConfig config = result.config().orElseThrow();
      if (json) {
        ObjectNode body = Json.object().put("status", "ok").put("message", "parse successful")
            .put("format_version", config.formatVersion()).put("configuration_hash", config.hash());
        ObjectNode counts = body.putObject("counts");
        config.config().counts().forEach(counts::put);
        out.println(body.toPrettyString());
      } else {
        out.println("parse successful");
      }
      return ExitCodes.OK;
    }
    DeclarativeErrors errors = result.errors().orElseThrow();
    if (json) {
      ObjectNode body = Json.object().put("status", "error").put("file", file.toString());
      body.setAll(errors.toBody(true));
      out.println(body.toPrettyString());
    } else {
      err.println("Error: " + errors.report());
      if (Verbosity.of(spec.root().commandLine().getParseResult()) == Verbosity.NORMAL) {
        err.println();
        err.println(Verbosity.HINT);
      }
    }
    return ExitCodes.FAILURE;
  }
}
