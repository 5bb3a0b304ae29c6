package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import io.silverback.core.schema.RecordSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes a request body as Kong's {@code kong/api/arguments.lua} {@code load} and
 * {@code api_helpers.parse_params} do: JSON objects as they are, form-encoded and multipart fields
 * through {@link FormArgs}; a multipart file field stands for the file's content.
 */
final class RequestBody {
  private static final ObjectReader STRICT = Json.MAPPER.reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RequestBody() {}

  static ObjectNode decode(AdminRequest request, RecordSchema schema) {
    String type = request.contentType() == null ? "" : request.contentType().toLowerCase(Locale.ROOT);
    if (type.contains("application/json")) {
      return json(request.body());
    }
    if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
      return FormArgs.decode(fields(request), schema);
    }
    return Json.object();
  }

  /**
   * Kong answers {@code Cannot parse JSON body} when Lapis could not decode the body into a table;
   * a JSON value that is not an object is refused the same way, since no route takes one.
   */
  private static ObjectNode json(byte[] body) {
    try {
      JsonNode node = STRICT.readTree(body);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      // falls through to Kong's reply
    }
    throw AdminException.of(400, "Cannot parse JSON body");
  }

  private static Map<String, List<String>> fields(AdminRequest request) {
    Map<String, List<String>> fields = new LinkedHashMap<>(request.form());
    for (Map.Entry<String, String> upload : request.uploads()) {
      fields.computeIfAbsent(upload.getKey(), k -> new ArrayList<>()).add(read(upload.getValue()));
    }
    return fields;
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read uploaded file " + file, e);
    }
  }
}
