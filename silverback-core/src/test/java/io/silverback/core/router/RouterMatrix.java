package io.silverback.core.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code router/router-matrix.yaml}: groups of routes (a kong.yml body) and the requests
 * sent to them with what Kong answers.
 */
final class RouterMatrix {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private RouterMatrix() {}

  /**
   * One request of a group and its expectation.
   *
   * @param title the group and the request's own title
   * @param router the group's router
   * @param request the request
   * @param expected the expectation fields ({@code expect}, {@code protocol_allowed}, ...)
   */
  record Case(String title, Router router, RequestFacts request, JsonNode expected) {
    @Override
    public String toString() {
      return title;
    }
  }

  static List<Case> load(String resource) {
    JsonNode root = read(resource);
    DeclarativeConfigParser parser = DeclarativeConfigParser.of(EntityRegistry.standard());
    List<Case> out = new ArrayList<>();
    for (JsonNode group : root.path("groups")) {
      Router router = Router.compile(config(parser, group));
      for (JsonNode req : group.path("requests")) {
        String title = group.path("name").asText() + ": " + req.path("it").asText();
        out.add(new Case(title, router, facts(req), req));
      }
    }
    return out;
  }

  /** The configuration of a group: its {@code config} as a kong.yml body. */
  static Config config(DeclarativeConfigParser parser, JsonNode group) {
    String document = "_format_version: \"3.0\"\n" + group.path("config").asText();
    return parser.parseString(document).orThrow().config();
  }

  static RequestFacts facts(JsonNode req) {
    Map<String, List<String>> headers = new HashMap<>();
    req.path("headers").properties().forEach(e -> {
      List<String> values = new ArrayList<>();
      if (e.getValue().isArray()) {
        e.getValue().forEach(v -> values.add(v.asText()));
      } else {
        values.add(e.getValue().asText());
      }
      headers.put(e.getKey().toLowerCase(Locale.ROOT), values);
    });
    return new RequestFacts(
        req.path("method").asText("GET"),
        req.path("scheme").asText("http"),
        req.hasNonNull("host") ? req.get("host").asText() : null,
        req.path("server_port").asInt(80),
        req.path("path").asText("/"),
        req.hasNonNull("sni") ? req.get("sni").asText() : null,
        name -> headers.getOrDefault(name, List.of()),
        "127.0.0.1", 40000, "127.0.0.1");
  }

  static JsonNode read(String resource) {
    try (InputStream in = RouterMatrix.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
