package io.silverback.cli;

import io.silverback.core.conf.NodeConf;
import io.silverback.core.entity.EntityRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
 */
final class ClassDataTraining {
  static final String PROPERTY = "silverback.cds.train";
  private static final String LIST = "cds-classes.txt";

  private ClassDataTraining() {}

  /** Loads the listed classes and exercises the start-up work; a name that no longer exists or does not link is skipped. */
  static int load() {
    NodeConf.load(Optional.empty(), Map.of(), Map.of());
    EntityRegistry.standard();
    ClassLoader loader = ClassDataTraining.class.getClassLoader();
    int loaded = 0;
    try (InputStream in = ClassDataTraining.class.getResourceAsStream(LIST)) {
      if (in == null) {
        return 0;
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String name = lines.readLine(); name != null; name = lines.readLine()) {
        if (!name.isBlank() && !name.startsWith("#") && load(name.strip(), loader)) {
          loaded++;
        }
      }
    } catch (IOException e) {
      // a partial archive is still an archive
    }
    return loaded;
  }

  private static boolean load(String name, ClassLoader loader) {
    try {
      Class.forName(name, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
