package io.silverback.core.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated valid declarative documents (format 3.0) for property tests: services with nested
 * routes and plugins, consumers with credentials, upstreams with targets, global plugins, with
 * awkward names, paths and tags. Shared with other modules' tests through core's test-jar.
 */
public final class ConfigArbitraries {
  private ConfigArbitraries() {}

  /**
   * Documents with at most {@code maxServices} services and {@code maxConsumers} consumers.
   */
  public static Arbitrary<ObjectNode> configs(int maxServices, int maxConsumers) {
    Arbitrary<List<ObjectNode>> services = service().list().ofMaxSize(maxServices).uniqueElements(s -> s.get("name").asText());
    Arbitrary<List<ObjectNode>> consumers = consumer().list().ofMaxSize(maxConsumers).uniqueElements(c -> c.get("username").asText());
    Arbitrary<List<ObjectNode>> upstreams = upstream().list().ofMaxSize(3).uniqueElements(u -> u.get("name").asText());
    return Combinators.combine(services, consumers, upstreams, globalPlugins()).as((s, c, u, p) -> {
      ObjectNode doc = Json.object().put("_format_version", "3.0");
      doc.set("services", array(s));
      doc.set("consumers", array(c));
      doc.set("upstreams", array(u));
      doc.set("plugins", array(p));
      return doc;
    });
  }

  private static ArrayNode array(List<ObjectNode> items) {
    ArrayNode a = Json.array();
    items.forEach(a::add);
    return a;
  }

  private static Arbitrary<String> names(String prefix) {
    return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-', '_', '.', '~').ofMinLength(1)
        .ofMaxLength(12).map(s -> prefix + s);
  }

  private static Arbitrary<ObjectNode> service() {
    Arbitrary<String> host = Arbitraries.of("example.com", "10.0.0.1", "backend.internal", "a.b.c", "[::1]".substring(1, 4));
    Arbitrary<Integer> port = Arbitraries.integers().between(1, 65535);
    Arbitrary<String> protocol = Arbitraries.of("http", "https");
    Arbitrary<List<ObjectNode>> routes = route().list().ofMaxSize(3).uniqueElements(r -> r.get("name").asText());
    return Combinators.combine(names("svc-"), host, port, protocol, routes, Arbitraries.of(true, false))
        .as((name, h, p, proto, r, withPlugin) -> {
          ObjectNode s = Json.object().put("name", name).put("host", h.equals("::1") ? "example.org" : h)
              .put("port", p).put("protocol", proto).put("retries", p % 10);
          s.set("routes", array(r.stream().map(x -> (ObjectNode) x.deepCopy().put("name", name + "-" + x.get("name").asText())).toList()));
          if (withPlugin) {
            ObjectNode plugin = s.putArray("plugins").addObject().put("name", "rate-limiting");
            plugin.putObject("config").put("minute", p % 100 + 1).put("hour", p % 100 + 1000);
          }
          return s;
        });
  }

  private static Arbitrary<ObjectNode> route() {
    Arbitrary<List<String>> paths = Arbitraries.of("/", "/a", "/api/v1", "~/items/(?<id>\\d+)$", "/b~c", "/été", "/a%2Fb", "/tab\there")
        .list().ofMinSize(1).ofMaxSize(3);
    Arbitrary<List<String>> methods = Arbitraries.of("GET", "POST", "PUT", "DELETE").list().ofMaxSize(3);
    return Combinators.combine(names("r"), paths, methods, Arbitraries.of(true, false)).as((name, p, m, strip) -> {
      ObjectNode r = Json.object().put("name", name).put("strip_path", strip);
      p.forEach(r.putArray("paths")::add);
      if (!m.isEmpty()) {
        m.forEach(r.putArray("methods")::add);
      }
      r.putArray("tags").add("t-" + name.length()).add("quote\"and\\slash");
      return r;
    });
  }

  private static Arbitrary<ObjectNode> consumer() {
    return Combinators.combine(names("user-"), Arbitraries.integers().between(0, 3)).as((name, kind) -> {
      ObjectNode c = Json.object().put("username", name);
      if (kind >= 1) {
        c.putArray("keyauth_credentials").addObject().put("key", "key-" + name);
      }
      if (kind >= 2) {
        c.putArray("basicauth_credentials").addObject().put("username", "basic-" + name).put("password", "pw " + name);
      }
      if (kind >= 3) {
        c.putArray("acls").addObject().put("group", "group-" + name.length());
        c.putArray("hmacauth_credentials").addObject().put("username", "hmac-" + name);
      }
      return c;
    });
  }

  private static Arbitrary<ObjectNode> upstream() {
    Arbitrary<String> algorithm = Arbitraries.of("round-robin", "least-connections", "latency");
    Arbitrary<List<String>> targets = Arbitraries.of("10.0.0.1", "10.0.0.2:81", "host.internal:9000", "[::1]:8080")
        .list().ofMaxSize(3).uniqueElements();
    Arbitrary<String> hostLabel = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(10);
    return Combinators.combine(hostLabel.map(l -> "up" + l), algorithm, targets).as((name, a, t) -> {
      ObjectNode u = Json.object().put("name", name + ".internal").put("algorithm", a);
      ArrayNode arr = u.putArray("targets");
      t.forEach(target -> arr.addObject().put("target", target).put("weight", 10));
      return u;
    });
  }

  private static Arbitrary<List<ObjectNode>> globalPlugins() {
    return Arbitraries.of("correlation-id", "prometheus", "cors").list().uniqueElements().ofMaxSize(3)
        .map(names -> names.stream().map(n -> Json.object().put("name", n)).toList());
  }
}
