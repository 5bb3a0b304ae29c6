package io.silverback.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.declarative.DeclarativeReader;
import io.silverback.core.declarative.DeclarativeWriter;
import io.silverback.core.schema.Json;
import io.silverback.store.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * A config survives PostgreSQL and the declarative format unchanged: replace a store's content
 * with a generated config, export it as YAML, read that back into a second, empty database, and
 * the second export is byte for byte the first.
 */
class StoreRoundTripProperties {
  private static final DeclarativeConfigParser PARSER = DeclarativeConfigParser.of(StoreFixtures.REGISTRY);
  // jqwik runs no Jupiter extensions, so the databases are started by hand.
  private static final TestDatabase FIRST = new TestDatabase();
  private static final TestDatabase SECOND = new TestDatabase();
  private static PostgresStore first;
  private static PostgresStore second;

  @BeforeContainer
  static void startDatabases() {
    FIRST.start(StoreRoundTripProperties.class);
    SECOND.start(StoreRoundTripProperties.class);
    first = StoreFixtures.migratedStore(FIRST.dataSource(), Clock.systemUTC());
    second = StoreFixtures.migratedStore(SECOND.dataSource(), Clock.systemUTC());
  }

  @AfterContainer
  static void stopDatabases() {
    first.close();
    second.close();
    FIRST.stop();
    SECOND.stop();
  }

  @Property(tries = 30)
  void anExportReadIntoAnotherDatabaseExportsTheSameBytes(@ForAll("configs") ObjectNode doc) {
    Config config = PARSER.parse(doc).orThrow().config();
    first.replaceAll(config);
    byte[] exported = DeclarativeWriter.toBytes(first.export(), DeclarativeReader.Syntax.YAML);

    Config reread = PARSER.parseString(new String(exported, StandardCharsets.UTF_8)).orThrow().config();
    second.replaceAll(reread);
    byte[] again = DeclarativeWriter.toBytes(second.export(), DeclarativeReader.Syntax.YAML);

    assertThat(new String(again, StandardCharsets.UTF_8)).isEqualTo(new String(exported, StandardCharsets.UTF_8));
    assertThat(second.export().counts()).isEqualTo(config.counts());
  }

  @Provide
  Arbitrary<ObjectNode> configs() {
    Arbitrary<List<ObjectNode>> services = service().list().ofMaxSize(4).uniqueElements(s -> s.get("name").asText());
    Arbitrary<List<ObjectNode>> consumers = consumer().list().ofMaxSize(4).uniqueElements(c -> c.get("username").asText());
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

  private Arbitrary<ObjectNode> service() {
    Arbitrary<String> host = Arbitraries.of("example.com", "10.0.0.1", "backend.internal");
    Arbitrary<Integer> port = Arbitraries.integers().between(1, 65535);
    Arbitrary<List<ObjectNode>> routes = route().list().ofMaxSize(3).uniqueElements(r -> r.get("name").asText());
    return Combinators.combine(names("svc-"), host, port, Arbitraries.of("http", "https"), routes, Arbitraries.of(true, false))
        .as((name, h, p, proto, r, withPlugin) -> {
          ObjectNode s = Json.object().put("name", name).put("host", h).put("port", p).put("protocol", proto);
          s.set("routes", array(r.stream().map(x -> x.deepCopy().put("name", name + "-" + x.get("name").asText())).toList()));
          if (withPlugin) {
            ObjectNode plugin = s.putArray("plugins").addObject().put("name", "rate-limiting");
            plugin.putObject("config").put("minute", p % 100 + 1);
          }
          return s;
        });
  }

  private Arbitrary<ObjectNode> route() {
    Arbitrary<List<String>> paths = Arbitraries.of("/", "/a", "/api/v1", "~/items/(?<id>\\d+)$", "/été", "/tab\there")
        .list().ofMinSize(1).ofMaxSize(3).uniqueElements();
    return Combinators.combine(names("r"), paths, Arbitraries.of(true, false)).as((name, p, strip) -> {
      ObjectNode r = Json.object().put("name", name).put("strip_path", strip);
      p.forEach(r.putArray("paths")::add);
      r.putArray("tags").add("t-" + name.length()).add("quote\"and\\slash");
      return r;
    });
  }

  private Arbitrary<ObjectNode> consumer() {
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

  private Arbitrary<ObjectNode> upstream() {
    Arbitrary<List<String>> targets = Arbitraries.of("10.0.0.1", "10.0.0.2:81", "host.internal:9000", "[::1]:8080")
        .list().ofMaxSize(3).uniqueElements();
    Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(10);
    return Combinators.combine(label, Arbitraries.of("round-robin", "least-connections"), targets).as((name, a, t) -> {
      ObjectNode u = Json.object().put("name", "up" + name + ".internal").put("algorithm", a);
      ArrayNode arr = u.putArray("targets");
      t.forEach(target -> arr.addObject().put("target", target).put("weight", 10));
      return u;
    });
  }

  private Arbitrary<List<ObjectNode>> globalPlugins() {
    return Arbitraries.of("correlation-id", "prometheus", "cors").list().uniqueElements().ofMaxSize(3)
        .map(names -> names.stream().map(n -> Json.object().put("name", n)).toList());
  }
}
