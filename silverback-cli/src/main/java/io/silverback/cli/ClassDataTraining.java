package io.silverback.cli;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.entity.EntityRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The training run of the launcher's class-data sharing archive: with {@code
 * -Dsilverback.cds.train=true} (and {@code -XX:DumpLoadedClassList}), loads without initializing
 * every class that {@code backup create} and {@code backup restore} load ({@code cds-classes.txt}),
 * so the JVM archives them parsed and verified and later short commands map them instead of
 * reading them from the jar. The JDK's own default archive is built the same way, from a list.
 * It then builds the default configuration and the entity registry, pure work every such command
 * does first, so that the lambda classes they spin up are archived as well.
 *
 * <p>The list is in the format of {@code -XX:DumpLoadedClassList} ({@code bench/cds-classes.sh}
 * makes it from real runs of those commands). Its {@code @lambda-proxy} and {@code
 * @lambda-form-invoker} lines name the lambda proxies and method-handle forms the commands spin;
 * no training run could make them without a database, so with {@code
 * -Dsilverback.cds.directives=FILE} they are written to FILE, which the launcher appends to the
 * list it dumps: the archive then holds them ready-made, and a restore spins none of them.
 */
final class ClassDataTraining {
  static final String PROPERTY = "silverback.cds.train";
  static final String DIRECTIVES = "silverback.cds.directives";
  private static final String LIST = "cds-classes.txt";

  private ClassDataTraining() {}

  /**
   * Loads the listed classes and exercises the start-up work; a name that no longer exists or does
   * not link is skipped.
   *
   * @param directives where to write the list's directives, or null
   * @return what the list held, and how much of it loaded
   */
  static Result load(Path directives) {
    NodeConf.load(Optional.empty(), Map.of(), Map.of());
    EntityRegistry.standard();
    ClassLoader loader = ClassDataTraining.class.getClassLoader();
    List<String> directiveLines = new ArrayList<>();
    int listed = 0;
    int loaded = 0;
    try (InputStream in = ClassDataTraining.class.getResourceAsStream(LIST)) {
      if (in == null) {
        return new Result(0, 0, 0);
      }
      BufferedReader list = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = list.readLine(); line != null; line = list.readLine()) {
        String name = line.strip();
        if (name.startsWith("@")) {
          directiveLines.add(name);
        } else if (!name.isEmpty() && !name.startsWith("#")) {
          listed++;
          if (load(name.replace('/', '.'), loader)) {
            loaded++;
          }
        }
      }
      if (directives != null) {
        Files.write(directives, directiveLines, StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      // a partial archive is still an archive
    }
    return new Result(listed, loaded, directiveLines.size());
  }

  /**
   * @param listed the class names in the list
   * @param loaded how many of them loaded
   * @param directives the {@code @} lines written out
   */
  record Result(int listed, int loaded, int directives) {}

  private static boolean load(String name, ClassLoader loader) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
