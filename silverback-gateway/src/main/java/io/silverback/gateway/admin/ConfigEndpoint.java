package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.declarative.DeclarativeConfig;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.declarative.DeclarativeReadException;
import io.silverback.core.declarative.DeclarativeReader;
import io.silverback.core.declarative.DeclarativeWriter;
import io.silverback.core.declarative.ParseResult;
import io.silverback.core.schema.Json;
import io.silverback.store.ImportSummary;
import io.silverback.store.memory.MemoryStore;
import io.vertx.core.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * DB-less {@code /config} ({@code kong/api/routes/config.lua}): {@code POST} replaces the whole
 * configuration with a declarative document, {@code GET} returns the current one as YAML.
 *
 * <p>{@code POST} answers 201 with the loaded entities ({@code {"services": {"<id>": {...}}}},
 * workspaces left out, as Kong's {@code sanitize_output}), 304 when {@code check_hash=1} and the
 * document's text has the hash of the loaded one, 400 with Kong's code-14 body (and {@code
 * flattened_errors} with {@code flatten_errors=1}) when it is invalid. A refused document changes
 * nothing: the store swaps configs in one step ({@link MemoryStore#replaceAll}).
 *
 * <p>The logic is framework-free ({@link #post}, {@link #postForm}, {@link #get}); {@link #mount}
 * adds the routes to the Admin API's, which run them on worker threads. Thread-safe: loads are
 * serialized so that the stored hash always belongs to the stored config.
 */
public final class ConfigEndpoint {
  private static final System.Logger LOG = System.getLogger(ConfigEndpoint.class.getName());

  private final MemoryStore store;
  private final DeclarativeConfigParser parser;
  private final DeclarativeConfigParser flatteningParser;
  private final Object loading = new Object();
  private volatile String hash = DeclarativeConfig.EMPTY_HASH;

  public ConfigEndpoint(MemoryStore store, DeclarativeConfigParser parser) {
    this.store = store;
    this.parser = parser;
    this.flatteningParser = parser.keepingInputForErrors();
  }

  /** Kong's {@code configuration_hash} of the loaded config: 32 zeros until a non-empty one is loaded. */
  public String hash() {
    return hash;
  }

  /**
   * Loads a config parsed elsewhere (the node's {@code declarative_config} at start), recording
   * its hash as {@code POST /config} does.
   *
   * @return what changed
   */
  public ImportSummary load(DeclarativeConfig config) {
    synchronized (loading) {
      ImportSummary summary = store.replaceAll(config.config());
      hash = config.hash();
      return summary;
    }
  }

  /**
   * {@code POST /config} with a raw body: JSON, YAML, or a form with a {@code config} field.
   *
   * @param query the query parameters ({@code check_hash}, {@code flatten_errors})
   * @throws IllegalArgumentException for a {@code multipart/form-data} body: decode it and call
   *     {@link #postForm}
   */
  public Reply post(byte[] body, String contentType, Map<String, String> query) {
    return post(ConfigInput.read(body, contentType), query);
  }

  /** {@code POST /config} with form fields already decoded (a multipart body). */
  public Reply postForm(Map<String, String> form, Map<String, String> query) {
    return post(ConfigInput.form(form, new byte[0]), query);
  }

  /** {@code GET /config}: {@code {"config": "<YAML of the current config>"}}, as {@code db_export} writes it. */
  public Reply get() {
    byte[] yaml = DeclarativeWriter.toBytes(store.export(), DeclarativeReader.Syntax.YAML);
    return Reply.ok(Json.object().put("config", new String(yaml, StandardCharsets.UTF_8)));
  }

  private Reply post(ConfigInput input, Map<String, String> query) {
    if (input.refusal() != null) {
      return input.refusal();
    }
    boolean flatten = truthy(option(input, query, ConfigInput.FLATTEN_ERRORS));
    boolean checkHash = "1".equals(option(input, query, ConfigInput.CHECK_HASH));
    if (!input.hasText()) {
      return load(input.tree(), input.md5(), flatten);
    }
    if (checkHash && input.md5().equals(hash)) {
      return new Reply(304, null);
    }
    JsonNode tree;
    try {
      tree = DeclarativeReader.read(input.text());
    } catch (DeclarativeReadException e) {
      // Kong flattens only errors of a document it could read; let the parser word the failure.
      return invalid(parser.parseString(input.text()), false);
    }
    return load(tree, input.md5(), flatten);
  }

  private Reply load(JsonNode tree, String md5, boolean flatten) {
    boolean flat = flatten && tree.isObject();
    ParseResult result = (flat ? flatteningParser : parser).parse(tree, Optional.of(md5));
    if (!result.isValid()) {
      return invalid(result, flat);
    }
    DeclarativeConfig config = result.config().orElseThrow();
    load(config);
    return Reply.created(entities(config.config()));
  }

  private static Reply invalid(ParseResult result, boolean flatten) {
    return new Reply(400, result.errors().orElseThrow().toBody(flatten));
  }

  /** Kong's 201 body: entities by type and id, without workspaces. */
  private static ObjectNode entities(Config config) {
    ObjectNode body = Json.object();
    for (String type : config.counts().keySet()) {
      if (!type.equals("workspaces")) {
        ObjectNode byId = body.putObject(type);
        for (Entity e : config.all(type)) {
          byId.set(e.id(), e.fields());
        }
      }
    }
    return body;
  }

  /** The body's value of an option wins over the query's, as in Kong's merged parameters. */
  private static String option(ConfigInput input, Map<String, String> query, String name) {
    String v = input.options().get(name);
    return v != null ? v : query.get(name);
  }

  /** Kong's {@code truthy}: {@code true}, {@code 1}, {@code on}, {@code yes}, any case. */
  private static boolean truthy(String v) {
    return v != null && switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "1", "on", "yes" -> true;
      default -> false;
    };
  }

  /**
   * Serves {@code POST /config} and {@code GET /config} among the Admin API's routes (worker
   * threads, Kong's error boundary). Form bodies (url-encoded or multipart) arrive decoded.
   */
  public void mount(AdminRoutes routes) {
    routes.add("/config", HttpMethod.POST, request -> {
      Map<String, String> query = first(request.query());
      return request.form().isEmpty() && !isForm(request.contentType())
          ? post(request.body(), request.contentType(), query)
          : postForm(first(request.form()), query);
    });
    routes.add("/config", HttpMethod.GET, request -> get());
  }

  private static boolean isForm(String contentType) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    return type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded");
  }

  private static Map<String, String> first(Map<String, List<String>> values) {
    Map<String, String> out = new HashMap<>();
    values.forEach((k, v) -> {
      if (!v.isEmpty()) {
        out.put(k, v.get(0));
      }
    });
    return out;
  }
}
