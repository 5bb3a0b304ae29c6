package io.silverback.core.conf;

import io.silverback.core.schema.VaultReference;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The configuration of a node or command: every key of the reference file {@code
 * silverback.conf.default} with its effective value and where that value came from. Immutable.
 *
 * <p>Precedence, lowest first: built-in defaults, the configuration file, {@code KONG_<KEY>}, {@code
 * SILVERBACK_<KEY>}, flags. Values of secrets ({@link #isSecret}) never appear in {@link
 * #toString()}, {@link #render()} or error messages.
 */
public final class NodeConf {
  /** What a secret is shown as (Kong's {@code CONF_SENSITIVE_PLACEHOLDER}). */
  public static final String REDACTED = "******";
  /** The configuration file read when no other is named. */
  public static final Path SYSTEM_CONF = Path.of("/etc/silverback/silverback.conf");

  private final Map<String, Setting> settings;

  private NodeConf(Map<String, Setting> settings) {
    this.settings = settings;
  }

  /**
   * Loads a configuration.
   *
   * @param confFile the configuration file, if any (see {@link #locate})
   * @param env the environment; only {@code KONG_<KEY>} and {@code SILVERBACK_<KEY>} of known keys
   *     are read, anything else is ignored
   * @param flags command-line values by key ({@code pg_port} or {@code pg-port})
   * @throws ConfException for an unreadable file, a malformed line, an unknown key in the file or
   *     among the flags, or an invalid value; the message names file and line or the source
   */
  public static NodeConf load(Optional<Path> confFile, Map<String, String> env, Map<String, String> flags) {
    return new NodeConf(ConfLoader.load(confFile, env, flags));
  }

  /** The built-in defaults alone. */
  public static NodeConf defaults() {
    return load(Optional.empty(), Map.of(), Map.of());
  }

  /**
   * Finds the configuration file: {@code explicit} (from {@code --conf}) when given, else the file
   * named by {@code SILVERBACK_CONF}, else {@link #SYSTEM_CONF} when it exists, else none.
   *
   * @throws ConfException when the explicit or {@code SILVERBACK_CONF} file does not exist
   */
  public static Optional<Path> locate(Optional<Path> explicit, Map<String, String> env) {
    return locate(explicit, env, SYSTEM_CONF);
  }

  static Optional<Path> locate(Optional<Path> explicit, Map<String, String> env, Path systemConf) {
    if (explicit.isPresent()) {
      return Optional.of(existing(explicit.get(), "--conf"));
    }
    String named = env.get("SILVERBACK_CONF");
    if (named != null && !named.isBlank()) {
      return Optional.of(existing(Path.of(named.strip()), "env SILVERBACK_CONF"));
    }
    return Files.isRegularFile(systemConf) ? Optional.of(systemConf) : Optional.empty();
  }

  /** Every known key, in the order of the reference file. */
  public static Set<String> knownKeys() {
    return ConfLoader.DEFAULTS.keySet();
  }

  /**
   * True for keys whose values are secrets and never shown: any key containing {@code password},
   * {@code admin_token}, and {@code ssl_cert_key} and {@code admin_ssl_cert_key} (which may hold the
   * key itself, as in Kong).
   */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password") || k.equals("admin_token") || k.endsWith("ssl_cert_key");
  }

  /**
   * The effective value of {@code key}; {@code ""} when it is set to nothing.
   *
   * @throws ConfException when the key is unknown
   */
  public String get(String key) {
    return setting(key).value();
  }

  /** The effective value of {@code key}, empty when it is unset or {@code ""}. */
  public Optional<String> optional(String key) {
    String value = get(key);
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  /**
   * The value of {@code key} as an integer.
   *
   * @throws ConfException naming key, value and source when it is not one
   */
  public int integer(String key) {
    return ConfChecks.parseInt(get(key)).orElseThrow(() -> invalid(key, "expected an integer"));
  }

  /**
   * The value of {@code key} as a boolean ({@code on}/{@code true} or {@code off}/{@code false}).
   *
   * @throws ConfException naming key, value and source when it is neither
   */
  public boolean bool(String key) {
    return ConfChecks.parseBool(get(key)).orElseThrow(() -> invalid(key, "expected on, off, true or false"));
  }

  /**
   * The comma-separated items of {@code key} ({@code headers}, {@code trusted_ips}), stripped;
   * empty when the value is empty.
   */
  public List<String> list(String key) {
    return ConfChecks.items(get(key));
  }

  /**
   * The listeners of a {@code *_listen} key ({@code proxy_listen}, {@code admin_listen}, {@code
   * stream_listen}), in the order written; empty for {@code off}.
   *
   * @throws ConfException naming key, value and source when the value is not Kong's listen syntax
   */
  public List<Listener> listeners(String key) {
    return ListenSyntax.parse(key, get(key)).orElseThrow(() -> invalid(key, ListenSyntax.usage(key)));
  }

  /**
   * The value of a size key ({@code admin_body_size}) in bytes: a number, or with a {@code k} or
   * {@code m} suffix.
   *
   * @throws ConfException naming key, value and source when it is not a size
   */
  public long size(String key) {
    return ConfChecks.parseSize(get(key)).orElseThrow(() -> invalid(key, "expected a size such as 10m"));
  }

  /**
   * The {@code prefix} directory, absolute, with a leading {@code ~} replaced by the user's home
   * ({@code $HOME}, as a shell expands it, else the JVM's {@code user.home}).
   *
   * @throws ConfException when it is empty or not a valid path
   */
  public Path prefix() {
    String value = get("prefix");
    if (value.isEmpty()) {
      throw invalid("prefix", "expected a directory");
    }
    if (value.equals("~") || value.startsWith("~/")) {
      value = home() + value.substring(1);
    }
    try {
      return Path.of(value).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw invalid("prefix", "not a valid path: " + e.getReason());
    }
  }

  /** The user's home directory: {@code $HOME}, else {@code user.home}. */
  public static String home() {
    String env = System.getenv("HOME");
    return env != null && !env.isBlank() ? env : System.getProperty("user.home");
  }

  /**
   * Where the value of {@code key} came from: {@code default}, {@code /etc/x.conf:12}, {@code env
   * SILVERBACK_PG_PORT} or {@code flag --pg-port}. Meant for error messages.
   */
  public String source(String key) {
    return setting(key).source();
  }

  /**
   * The configuration in {@code kong.conf} syntax, one {@code key = value  # source} line per key,
   * secrets shown as {@value #REDACTED} (vault references as they are).
   */
  public String render() {
    StringBuilder out = new StringBuilder();
    settings.forEach((key, s) -> out.append(key).append(" = ").append(shown(key).replace("#", "\\#"))
        .append("  # ").append(s.source()).append('\n'));
    return out.toString();
  }

  /** All values on one line, secrets shown as {@value #REDACTED}. */
  @Override
  public String toString() {
    StringJoiner out = new StringJoiner(", ", "NodeConf{", "}");
    settings.keySet().forEach(key -> out.add(key + "=" + shown(key)));
    return out.toString();
  }

  /** A secret's value is redacted, unless it is a vault reference ({@code {vault://env/PG_PASSWORD}}): that is no secret. */
  private String shown(String key) {
    String value = get(key);
    return isSecret(key) && !value.isEmpty() && !VaultReference.is(value.strip()) ? REDACTED : value;
  }

  private Setting setting(String key) {
    Setting s = settings.get(key);
    if (s == null) {
      throw new ConfException("unknown property '" + key + "'");
    }
    return s;
  }

  private ConfException invalid(String key, String problem) {
    return new ConfException(ConfLoader.invalid(key, setting(key), problem));
  }

  private static Path existing(Path path, String origin) {
    if (!Files.exists(path)) {
      throw new ConfException("no configuration file at " + path + " (from " + origin + ")");
    }
    return path;
  }
}
