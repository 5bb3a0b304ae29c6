package io.silverback.core.conf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Merges the layers of a {@link NodeConf}: defaults &lt; file &lt; {@code KONG_<KEY>} &lt; {@code
 * SILVERBACK_<KEY>} &lt; flags, as Kong's {@code overrides()} in {@code kong/conf_loader/parse.lua}
 * (with our prefix added above Kong's). Unlike Kong, an unknown key in a file or among flags is an
 * error rather than silently dropped: a typo such as {@code pg_hots} would otherwise send the node to
 * the wrong database.
 */
final class ConfLoader {
  static final String DEFAULTS_RESOURCE = "silverback.conf.default";
  static final String DEFAULT_SOURCE = "default";

  /** The built-in defaults, in the order of the reference file. */
  static final Map<String, String> DEFAULTS = readDefaults();

  private ConfLoader() {}

  /** The merged and checked settings, keyed in the order of the reference file. */
  static Map<String, Setting> load(Optional<Path> file, Map<String, String> env, Map<String, String> flags) {
    Map<String, Setting> merged = new LinkedHashMap<>();
    DEFAULTS.forEach((k, v) -> merged.put(k, new Setting(v, DEFAULT_SOURCE)));
    List<String> problems = new ArrayList<>();
    file.ifPresent(path -> applyFile(path, merged, problems));
    for (String key : DEFAULTS.keySet()) {
      String upper = key.toUpperCase(Locale.ROOT);
      for (String name : List.of("KONG_" + upper, "SILVERBACK_" + upper)) {
        String value = env.get(name);
        if (value != null) {
          merged.put(key, new Setting(value.strip(), "env " + name));
        }
      }
    }
    flags.forEach((rawKey, value) -> {
      String key = rawKey.replace('-', '_');
      String source = "flag --" + key.replace('_', '-');
      if (!DEFAULTS.containsKey(key)) {
        problems.add("unknown property '" + key + "' (" + source + ")");
      } else {
        merged.put(key, new Setting(value == null ? "" : value.strip(), source));
      }
    });
    merged.forEach((key, setting) -> ConfChecks.of(key).problem(setting.value())
        .ifPresent(p -> problems.add(invalid(key, setting, p))));
    if (!problems.isEmpty()) {
      throw new ConfException(String.join("\n", problems));
    }
    return Collections.unmodifiableMap(merged);
  }

  /** Kong's wording: {@code pg_port has an invalid value: 'x' (expected ...), from env KONG_PG_PORT}. */
  static String invalid(String key, Setting setting, String problem) {
    String shown = NodeConf.isSecret(key) ? NodeConf.REDACTED : setting.value();
    return key + " has an invalid value: '" + shown + "' (" + problem + "), from " + setting.source();
  }

  private static void applyFile(Path path, Map<String, Setting> merged, List<String> problems) {
    for (ConfSyntax.Line line : ConfSyntax.parse(read(path), path.toString())) {
      String where = path + ":" + line.number();
      if (DEFAULTS.containsKey(line.key())) {
        merged.put(line.key(), new Setting(line.value(), where));
      } else {
        problems.add(where + ": unknown property '" + line.key() + "'");
      }
    }
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfException("cannot read configuration file " + path + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new ConfException("cannot read configuration file " + path + ": permission denied", e);
    } catch (IOException e) {
      String why = Files.isDirectory(path) ? "it is a directory" : String.valueOf(e.getMessage());
      throw new ConfException("cannot read configuration file " + path + ": " + why, e);
    }
  }

  private static Map<String, String> readDefaults() {
    try (InputStream in = ConfLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + DEFAULTS_RESOURCE + " is missing from the classpath");
      }
      Map<String, String> defaults = new LinkedHashMap<>();
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      ConfSyntax.parse(text, DEFAULTS_RESOURCE).forEach(l -> defaults.put(l.key(), l.value()));
      return Collections.unmodifiableMap(defaults);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + DEFAULTS_RESOURCE, e);
    }
  }
}
