package io.silverback.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Writes a synthetic declarative config of the size the foundation issue names, at scale 10:
 * 10k services (each with 2 nested routes), 20k consumers with 40k credentials (key-auth,
 * basic-auth, acls), and 10k plugins (key-auth on half the services, rate-limiting on a quarter of
 * the routes, 2 global ones): 100,002 entities. Deterministic: the same scale gives the same bytes.
 *
 * <p>Kong gives a declarative key-auth credential without an id a random one (its cache key is
 * the auto field {@code key}), so such a file cannot be imported into a database twice: the
 * second import inserts the keys again under new ids. The store benchmark therefore writes the
 * variant with {@code credentialIds}, which gives those credentials fixed ids.
 */
public final class ConfigGenerator {
  private ConfigGenerator() {}

  /** Writes the config to {@code file}; the extension picks JSON or YAML. */
  public static void write(Path file, int scale) throws IOException {
    write(file, scale, false);
  }

  /** Writes the config to {@code file}, with fixed ids on the key-auth credentials if asked. */
  public static void write(Path file, int scale, boolean credentialIds) throws IOException {
    boolean yaml = file.toString().endsWith(".yaml") || file.toString().endsWith(".yml");
    JsonFactory factory = yaml
        ? YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS).build()
        : new JsonFactory();
    try (OutputStream out = Files.newOutputStream(file);
         JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("_format_version", "3.0");
      services(g, scale);
      consumers(g, scale, credentialIds);
      globalPlugins(g);
      g.writeEndObject();
    }
  }

  private static void services(JsonGenerator g, int scale) throws IOException {
    int services = 1000 * scale;
    g.writeArrayFieldStart("services");
    for (int s = 0; s < services; s++) {
      g.writeStartObject();
      g.writeStringField("name", "service-" + s);
      g.writeStringField("url", "http://backend-" + (s % 97) + ".internal:8080/api/v" + (s % 3 + 1));
      g.writeNumberField("retries", 3);
      g.writeArrayFieldStart("tags");
      g.writeString("team-" + (s % 20));
      g.writeEndArray();
      g.writeArrayFieldStart("routes");
      for (int r = 0; r < 2; r++) {
        route(g, s, r);
      }
      g.writeEndArray();
      if (s % 2 == 1) {
        g.writeArrayFieldStart("plugins");
        g.writeStartObject();
        g.writeStringField("name", "key-auth");
        g.writeObjectFieldStart("config");
        g.writeArrayFieldStart("key_names");
        g.writeString("apikey");
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void route(JsonGenerator g, int s, int r) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", "route-" + s + "-" + r);
    g.writeArrayFieldStart("paths");
    g.writeString(r == 0 ? "/svc" + s : "~/svc" + s + "/items/(?<id>[0-9]+)$");
    g.writeEndArray();
    g.writeArrayFieldStart("hosts");
    g.writeString("api" + (s % 50) + ".example.com");
    g.writeEndArray();
    g.writeArrayFieldStart("methods");
    g.writeString("GET");
    g.writeString("POST");
    g.writeEndArray();
    if (r == 1 && s % 2 == 0) {
      g.writeArrayFieldStart("plugins");
      g.writeStartObject();
      g.writeStringField("name", "rate-limiting");
      g.writeObjectFieldStart("config");
      g.writeNumberField("minute", 100 + s % 50);
      g.writeStringField("policy", "local");
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void consumers(JsonGenerator g, int scale, boolean credentialIds) throws IOException {
    int consumers = 2000 * scale;
    g.writeArrayFieldStart("consumers");
    for (int c = 0; c < consumers; c++) {
      g.writeStartObject();
      g.writeStringField("username", "user-" + c);
      g.writeStringField("custom_id", "cid-" + c);
      g.writeArrayFieldStart("keyauth_credentials");
      g.writeStartObject();
      if (credentialIds) {
        g.writeStringField("id", UUID.nameUUIDFromBytes(("keyauth-" + c).getBytes(StandardCharsets.UTF_8)).toString());
      }
      g.writeStringField("key", "key-" + c + "-0123456789abcdef");
      g.writeEndObject();
      g.writeEndArray();
      if (c % 2 == 0) {
        g.writeArrayFieldStart("basicauth_credentials");
        g.writeStartObject();
        g.writeStringField("username", "basic-" + c);
        g.writeStringField("password", "pw-" + c);
        g.writeEndObject();
        g.writeEndArray();
      } else {
        g.writeArrayFieldStart("acls");
        g.writeStartObject();
        g.writeStringField("group", "group-" + (c % 10));
        g.writeEndObject();
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void globalPlugins(JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("plugins");
    for (String name : new String[] {"correlation-id", "prometheus"}) {
      g.writeStartObject();
      g.writeStringField("name", name);
      g.writeEndObject();
    }
    g.writeEndArray();
  }
}
