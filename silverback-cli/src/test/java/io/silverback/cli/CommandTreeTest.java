package io.silverback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@link CommandTree}: a command line gets the branch it names, and reads and runs as with every command. */
class CommandTreeTest {
  @Test
  void aLineThatNamesACommandGetsThatBranchOnly() {
    CommandLine line = CommandTree.forLine(List.of("backup", "list", "--dir", "/tmp/x"));
    assertThat(line.getSubcommands()).containsOnlyKeys("backup");
    assertThat(line.getSubcommands().get("backup").getSubcommands()).containsOnlyKeys("list");
  }

  @Test
  void aLineThatStopsNamingCommandsGetsEveryCommandBelowThatPoint() {
    assertThat(CommandTree.forLine(List.of("--help")).getSubcommands()).containsOnlyKeys("start", "stop", "restart",
        "reload", "health", "check", "config", "migrations", "backup", "version");
    assertThat(CommandTree.forLine(List.of("backup", "lsit")).getSubcommands().get("backup").getSubcommands())
        .containsOnlyKeys("create", "verify", "restore", "list", "show", "prune");
    assertThat(CommandTree.forLine(List.of()).getSubcommands()).hasSize(10);
  }

  @Test
  void everyCommandsHelpReadsAsInTheWholeTree() {
    CommandLine whole = CommandTree.whole();
    int leaves = 0;
    for (Map.Entry<String, CommandLine> top : whole.getSubcommands().entrySet()) {
      Map<String, CommandLine> below = top.getValue().getSubcommands();
      if (below.isEmpty()) {
        assertThat(branch(top.getKey()).getUsageMessage()).isEqualTo(top.getValue().getUsageMessage());
        leaves++;
      }
      for (Map.Entry<String, CommandLine> sub : below.entrySet()) {
        assertThat(branch(top.getKey(), sub.getKey()).getUsageMessage()).isEqualTo(sub.getValue().getUsageMessage());
        leaves++;
      }
    }
    assertThat(leaves).isEqualTo(22);
  }

  @Test
  void aMisspelledCommandIsRefusedWithASuggestionAsBefore() {
    CliRun run = CliRun.ofLine("backup", "lsit");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("lsit").contains("list");
  }

  /** The command at {@code names} in the tree built for a line naming it. */
  private static CommandLine branch(String... names) {
    CommandLine line = CommandTree.forLine(List.of(names));
    for (String name : names) {
      line = line.getSubcommands().get(name);
    }
    return line;
  }
}
