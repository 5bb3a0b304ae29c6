package io.silverback.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command tree, built only as far as a command line needs it. picocli reads the annotations
 * of every command that joins a tree, by reflection, when the tree is built: on a cold JVM the
 * whole tree costs about 0.25 s, more than {@code backup list} itself. So a line that names a
 * command gets that command's branch only; a line that names none (no argument, {@code --help}, a
 * misspelled name) gets every command below that point, so help and picocli's suggestions list
 * them all. The result parses and runs a line exactly as the whole tree would.
 */
final class CommandTree {
  private static final Map<Class<?>, List<Class<?>>> CHILDREN = Map.of(
      SilverbackCommand.class, List.of(StartCommand.class, StopCommand.class, RestartCommand.class,
          ReloadCommand.class, HealthCommand.class, CheckCommand.class, ConfigCommand.class, MigrationsCommand.class,
          BackupCommand.class, VersionCommand.class),
      ConfigCommand.class, List.of(ConfigParseCommand.class, ConfigDbImportCommand.class,
          ConfigDbExportCommand.class),
      MigrationsCommand.class, List.of(MigrationsCommands.Bootstrap.class, MigrationsCommands.Up.class,
          MigrationsCommands.Finish.class, MigrationsCommands.ListMigrations.class, MigrationsCommands.Status.class,
          MigrationsCommands.Reset.class),
      BackupCommand.class, List.of(BackupCreateCommand.class, BackupVerifyCommand.class,
          BackupRestoreCommand.class, BackupListCommand.class, BackupShowCommand.class, BackupPruneCommand.class));

  static {
    // Each command's parser registers picocli's converters for java.time and java.sql types, found
    // by reflection, and the first one initializes java.time's formatters (~25 ms on a cold JVM);
    // picocli's default factory first looks for Groovy's Closure class in the whole jar (~10 ms).
    // No option here has such a type, and nothing here is Groovy.
    quietly("picocli.converters.excludes", "java\\.(time|sql)\\..*");
    quietly("picocli.disable.closures", "true");
  }

  private CommandTree() {}

  private static void quietly(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  /** Every command. */
  static CommandLine whole() {
    return build(SilverbackCommand.class, List.of());
  }

  /** The commands {@code args} may run: the branch they name, down to where they stop naming commands. */
  static CommandLine forLine(List<String> args) {
    return build(SilverbackCommand.class, args);
  }

  private static CommandLine build(Class<?> command, List<String> args) {
    CommandLine line = new CommandLine(command);
    List<Class<?>> children = CHILDREN.getOrDefault(command, List.of());
    String next = args.isEmpty() ? null : args.get(0);
    Class<?> named = children.stream().filter(c -> name(c).equals(next)).findFirst().orElse(null);
    for (Class<?> child : children) {
      if (named == null) {
        line.addSubcommand(build(child, List.of()));
      } else if (child == named) {
        line.addSubcommand(build(child, args.subList(1, args.size())));
      }
    }
    return line;
  }

  private static String name(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }
}
