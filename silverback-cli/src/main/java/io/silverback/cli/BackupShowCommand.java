package io.silverback.cli;

import io.silverback.ops.backup.Bundle;
import io.silverback.ops.backup.DumpDetails;
import io.silverback.ops.backup.Encryption;
import io.silverback.ops.backup.Manifest;
import io.silverback.ops.backup.ManifestFile;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code silverback backup show BUNDLE}: what a bundle's manifest says; no secret needed. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show a bundle's manifest: versions, mode, dump, entity counts, encryption, notes and files.",
    footer = {"", "Exit codes: 0 shown, 1 failure (not a bundle, newer format), 2 usage error."})
public final class BackupShowCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "BUNDLE", description = "The bundle directory or .sbk archive.")
  Path path;

  @Option(names = "--json", description = "Print manifest.json as it is stored.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Bundle bundle = Bundle.open(path, null)) {
      ManifestFile file = bundle.manifestFile();
      if (json) {
        out.println(new String(file.toJson(), StandardCharsets.UTF_8));
      } else {
        print(out, file);
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  private void print(PrintWriter out, ManifestFile file) {
    Manifest m = file.manifest();
    out.println("bundle:             " + path);
    out.println("created at:         " + m.createdAt());
    out.println("format:             " + m.format() + " (Silverback " + m.silverbackVersion() + ")");
    out.println("mode:               " + m.mode());
    out.println("schema level:       " + (m.schemaLevel() == null ? "-" : m.schemaLevel()));
    out.println("PostgreSQL:         " + (m.postgresVersion() == null ? "-" : m.postgresVersion()));
    DumpDetails dump = file.dump();
    out.println("dump:               " + (dump == null ? "none" : dump.method() + " (" + dump.tool() + ")"
        + (dump.fallbackReason() == null ? "" : "; pg_dump not used: " + dump.fallbackReason())));
    out.println("entities:           " + BackupViews.counts(m.entityCounts()));
    out.println("node id:            " + (m.nodeId() == null ? "-" : m.nodeId()));
    Encryption e = file.encryption();
    out.println("encrypted:          " + (e == null ? "no" : Encryption.CIPHER + ", key from " + e.keySource()
        + (e.kdf() == null ? "" : " (argon2id, " + e.kdf().memoryKib() + " KiB, " + e.kdf().iterations() + " passes)")));
    out.println("files:              " + m.sha256().size());
    m.sha256().keySet().stream().sorted().forEach(p -> out.println("  " + p));
    file.notes().forEach(n -> out.println("note: " + n));
  }
}
