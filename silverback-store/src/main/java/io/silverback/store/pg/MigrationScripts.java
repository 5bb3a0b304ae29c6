package io.silverback.store.pg;

import io.silverback.store.StoreErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The versioned scripts ({@code V<n>__<what>.sql}) of Flyway locations, found and read without
 * starting Flyway: starting it (plugin discovery, database inspection, history locking) costs
 * several times what running the scripts does, which a restore's private schema pays on every
 * run. Only {@code classpath:} and {@code filesystem:} locations exist, as in Flyway.
 */
final class MigrationScripts {
  private static final Pattern NAME = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__(.+)\\.sql");
  /** The entry names of each jar directory listed so far, by the directory's URL. */
  private static final Map<String, List<String>> JAR_LISTINGS = new ConcurrentHashMap<>();

  /**
   * One script.
   *
   * @param version the version as Flyway prints it ({@code 1}, {@code 2.1})
   * @param name the migration's name, e.g. {@code V1__entities}
   * @param sql reads its text
   * @param location where it was found ({@code classpath:...} or a file's path)
   */
  record Script(String version, String name, Supplier<String> sql, String location) {}

  private MigrationScripts() {}

  /**
   * Every versioned script of {@code locations}, oldest first.
   *
   * @throws io.silverback.store.StoreException when a location cannot be listed
   */
  static List<Script> of(ClassLoader loader, String... locations) {
    List<Script> out = new ArrayList<>();
    for (String location : locations) {
      try {
        if (location.startsWith("classpath:")) {
          classpath(loader, location.substring("classpath:".length()), out);
        } else if (location.startsWith("filesystem:")) {
          directory(Path.of(location.substring("filesystem:".length())), out);
        } else {
          throw StoreErrors.databaseError("migration location '" + location
              + "' is neither classpath: nor filesystem:", null);
        }
      } catch (IOException | URISyntaxException e) {
        throw StoreErrors.databaseError("cannot list the migrations of '" + location + "': " + e.getMessage(), e);
      } catch (UncheckedIOException e) {
        throw StoreErrors.databaseError("cannot list the migrations of '" + location + "': " + e.getCause().getMessage(),
            e.getCause());
      }
    }
    out.sort(Comparator.comparing(Script::version, MigrationScripts::compareVersions));
    for (int i = 1; i < out.size(); i++) {
      if (compareVersions(out.get(i - 1).version(), out.get(i).version()) == 0) {
        throw StoreErrors.databaseError("found more than one migration with version " + out.get(i).version() + " ("
            + out.get(i - 1).name() + ", " + out.get(i).name() + ") in " + String.join(", ", locations), null);
      }
    }
    return out;
  }

  private static void classpath(ClassLoader loader, String dir, List<Script> out)
      throws IOException, URISyntaxException {
    String prefix = dir.endsWith("/") ? dir : dir + "/";
    Enumeration<URL> roots = loader.getResources(prefix);
    while (roots.hasMoreElements()) {
      URL root = roots.nextElement();
      if (root.getProtocol().equals("file")) {
        directory(Path.of(root.toURI()), out);
      } else if (root.openConnection() instanceof JarURLConnection jar) {
        for (String n : JAR_LISTINGS.computeIfAbsent(root.toString(), r -> list(jar, prefix))) {
          add(n.substring(prefix.length()), () -> resource(loader, n), "classpath:" + n, out);
        }
      }
    }
  }

  /**
   * The entries of a jar directory: listing one walks every entry of the jar (some 21,000 in the
   * runnable jar, ~15 ms on a cold JVM), and a jar on the class path does not change while it runs.
   */
  private static List<String> list(JarURLConnection jar, String prefix) {
    jar.setUseCaches(false);
    try (JarFile file = jar.getJarFile()) {
      return file.stream().map(e -> e.getName()).filter(n -> n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void directory(Path dir, List<Script> out) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files.forEach(f -> add(f.getFileName().toString(), () -> file(f), f.toString(), out));
    }
  }

  private static void add(String fileName, Supplier<String> sql, String location, List<Script> out) {
    Matcher m = NAME.matcher(fileName);
    if (m.matches()) {
      String version = m.group(1).replace('_', '.');
      out.add(new Script(version, fileName.substring(0, fileName.length() - ".sql".length()), sql, location));
    }
  }

  private static String resource(ClassLoader loader, String name) {
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("not found");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migration classpath:" + name + ": " + e.getMessage(), e);
    }
  }

  private static String file(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migration " + f + ": " + e.getMessage(), e);
    }
  }

  /** Flyway's order: numerically, part by part ({@code 1.10} after {@code 1.9}). */
  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int c = new BigInteger(i < x.length ? x[i] : "0").compareTo(new BigInteger(i < y.length ? y[i] : "0"));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
