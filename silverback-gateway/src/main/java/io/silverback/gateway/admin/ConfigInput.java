package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The declarative document a {@code POST /config} request carries, found where Kong looks for it
 * ({@code kong/api/routes/config.lua} {@code hydrate_config_from_request}): a JSON object body with
 * {@code _format_version} is the document itself; else the {@code config} field (JSON key or form
 * field) holds it as text; else the raw body is the text. Also the options the body may carry
 * ({@code check_hash}, {@code flatten_errors}: Kong merges body and query parameters), and the
 * refusals of {@code kong/api/api_helpers.lua} (415 for an unaccepted Content-Type, 400 for
 * malformed JSON).
 *
 * <p>Exactly one of {@link #text()}, {@link #tree()} and {@link #refusal()} is non-null.
 *
 * @param text the document as text (YAML or JSON), whose MD5 is Kong's configuration hash
 * @param tree the document as a JSON tree (a JSON object body)
 * @param md5 the MD5 hex of the text or of the raw JSON body
 * @param refusal the reply when there is no document to parse
 * @param options {@code check_hash} and {@code flatten_errors} as found in the body
 */
record ConfigInput(String text, JsonNode tree, String md5, Reply refusal, Map<String, String> options) {
  static final String CHECK_HASH = "check_hash";
  static final String FLATTEN_ERRORS = "flatten_errors";
  private static final List<String> OPTIONS = List.of(CHECK_HASH, FLATTEN_ERRORS);

  /**
   * Reads a raw request body.
   *
   * @throws IllegalArgumentException for {@code multipart/form-data}, which must be decoded
   *     first and given to {@link #form}
   */
  static ConfigInput read(byte[] body, String contentType) {
    String type = contentType == null ? null : contentType.toLowerCase(Locale.ROOT).strip();
    if (type == null) {
      return body.length == 0 ? missing() : refused(new Reply(415, null));
    }
    if (type.startsWith("multipart/form-data")) {
      throw new IllegalArgumentException("a multipart body must be decoded into its fields first (ConfigEndpoint.postForm)");
    }
    if (type.startsWith("application/json")) {
      return json(body);
    }
    if (type.startsWith("application/x-www-form-urlencoded")) {
      return form(decodeForm(new String(body, StandardCharsets.UTF_8)), body);
    }
    if (type.startsWith("application/yaml") || type.startsWith("application/x-yaml") || type.startsWith("text/yaml")) {
      return raw(body, Map.of());
    }
    return refused(new Reply(415, null));
  }

  /** Reads decoded form fields; {@code raw} is the body Kong falls back to without a {@code config} field. */
  static ConfigInput form(Map<String, String> fields, byte[] raw) {
    Map<String, String> options = new HashMap<>();
    OPTIONS.stream().filter(fields::containsKey).forEach(o -> options.put(o, fields.get(o)));
    String config = fields.get("config");
    return config != null ? text(config, options) : raw(raw, options);
  }

  /** Whether Kong's {@code check_hash} applies: only to a document given as text. */
  boolean hasText() {
    return text != null;
  }

  private static ConfigInput json(byte[] body) {
    JsonNode tree;
    try {
      tree = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      tree = null;
    }
    if (tree == null || tree.isMissingNode()) {
      return refused(Reply.message(400, "Cannot parse JSON body"));
    }
    if (!tree.isObject()) {
      return raw(body, Map.of());
    }
    ObjectNode params = (ObjectNode) tree;
    Map<String, String> options = new HashMap<>();
    for (String o : OPTIONS) {
      JsonNode v = params.remove(o);
      if (v != null) {
        options.put(o, v.asText());
      }
    }
    if (params.has("_format_version")) {
      return new ConfigInput(null, params, md5(body), null, options);
    }
    JsonNode config = params.get("config");
    if (config == null) {
      return raw(body, options);
    }
    return config.isTextual() ? text(config.textValue(), options) : new ConfigInput(null, config, md5(body), null, options);
  }

  private static ConfigInput raw(byte[] body, Map<String, String> options) {
    return body.length == 0 ? missing() : text(new String(body, StandardCharsets.UTF_8), options);
  }

  private static ConfigInput text(String text, Map<String, String> options) {
    return new ConfigInput(text, null, md5(text.getBytes(StandardCharsets.UTF_8)), null, options);
  }

  private static ConfigInput missing() {
    return refused(Reply.message(400, "expected a declarative configuration"));
  }

  private static ConfigInput refused(Reply reply) {
    return new ConfigInput(null, null, null, reply, Map.of());
  }

  /** {@code a=1&b=2} into fields; a repeated name keeps its last value. */
  private static Map<String, String> decodeForm(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      fields.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return fields;
  }

  private static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks MD5", e);
    }
  }
}
