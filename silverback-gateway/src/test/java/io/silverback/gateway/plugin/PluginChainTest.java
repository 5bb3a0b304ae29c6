package io.silverback.gateway.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.Json;
import io.silverback.gateway.plugin.testing.TestExchange;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PluginChainTest {
  private static final String ROUTE = "00000000-0000-4000-8000-000000000001";
  private static final String OTHER_ROUTE = "00000000-0000-4000-8000-000000000002";
  private static final String SERVICE = "00000000-0000-4000-8000-000000000003";
  private static final String CONSUMER = "00000000-0000-4000-8000-000000000004";
  /** Kong's lookup_cfg order, most specific first: route, service, consumer. */
  private static final List<String> ORDER = List.of("rsc", "rc", "sc", "rs", "c", "r", "s", "g");
  private static final EntityRegistry REGISTRY = EntityRegistry.standard();

  private final TestExchange.Views views = new TestExchange.Views();
  private final List<String> applied = new ArrayList<>();
  private int ids = 100;

  /** Records which configuration ({@code config.tag}) ran, in order. */
  private class Recorder implements GatewayPlugin {
    private final String name;
    private final int priority;

    Recorder(String name, int priority) {
      this.name = name;
      this.priority = priority;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int priority() {
      return priority;
    }

    @Override
    public Future<Void> access(ProxyExchange ex, JsonNode config) {
      applied.add(name + ":" + config.path("tag").asText());
      if (config.path("exit").asBoolean()) {
        ex.exit(403, "stop");
      }
      return Future.succeededFuture();
    }

    @Override
    public void headerFilter(ProxyExchange ex, JsonNode config) {
      applied.add("header:" + name);
    }
  }

  /** Authenticates the consumer named by the {@code x-consumer} header, as an auth plugin would. */
  private static final class Authenticator implements GatewayPlugin {
    @Override
    public String name() {
      return "auth";
    }

    @Override
    public int priority() {
      return 1000;
    }

    @Override
    public Future<Void> access(ProxyExchange ex, JsonNode config) {
      String id = ex.requestHeaders().get("x-consumer");
      if (id != null) {
        ex.authenticate(ex.config().get("consumers", id).orElseThrow(), null);
      }
      return Future.succeededFuture();
    }
  }

  private static ObjectNode fields(String id) {
    return Json.MAPPER.createObjectNode().put("id", id);
  }

  private static Config.Builder base() {
    Config.Builder b = Config.builder(REGISTRY);
    b.put(new Entity("services", SERVICE, fields(SERVICE).put("name", "s")));
    for (String[] r : new String[][] {{ROUTE, "r"}, {OTHER_ROUTE, "other"}}) {
      ObjectNode route = fields(r[0]).put("name", r[1]);
      route.putArray("protocols").add("http").add("https");
      route.putObject("service").put("id", SERVICE);
      b.put(new Entity("routes", r[0], route));
    }
    b.put(new Entity("consumers", CONSUMER, fields(CONSUMER).put("username", "c")));
    return b;
  }

  /** A plugin entity: {@code scope} holds r, s and c for route, service and consumer. */
  private Entity plugin(String name, String scope, String tag) {
    String id = "00000000-0000-4000-8000-000000000" + ids++;
    ObjectNode p = fields(id).put("name", name).put("enabled", true);
    p.putObject("config").put("tag", tag);
    p.putArray("protocols").add("http").add("https");
    if (scope.contains("r")) {
      p.putObject("route").put("id", ROUTE);
    }
    if (scope.contains("s")) {
      p.putObject("service").put("id", SERVICE);
    }
    if (scope.contains("c")) {
      p.putObject("consumer").put("id", CONSUMER);
    }
    return new Entity("plugins", id, p);
  }

  private PluginRun access(Config config, TestExchange ex, GatewayPlugin... plugins) {
    PluginRun run = PluginChain.compile(config, PluginCatalog.of(List.of(plugins))).run(ex);
    assertThat(run.access().succeeded()).isTrue();
    return run;
  }

  private TestExchange authenticated(Config config) {
    return TestExchange.on(config, views, "r", "GET", "/").header("x-consumer", CONSUMER);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
  void theMostSpecificScopeInKongsLookupOrderWins(int first) {
    Config.Builder b = base();
    b.put(plugin("auth", "", "global"));
    for (String scope : ORDER.subList(first, ORDER.size())) {
      b.put(plugin("p", scope.replace("g", ""), scope));
    }
    Config config = b.build();

    access(config, authenticated(config), new Authenticator(), new Recorder("p", 10));

    assertThat(applied).containsExactly("p:" + ORDER.get(first));
  }

  @Test
  void consumerScopesCountOnlyOnceAConsumerIsAuthenticated() {
    Config config = base().put(plugin("auth", "", "g")).put(plugin("p", "c", "consumer")).put(plugin("p", "r", "route"))
        .build();

    access(config, TestExchange.on(config, views, "r", "GET", "/"), new Authenticator(), new Recorder("p", 10));
    access(config, authenticated(config), new Authenticator(), new Recorder("p", 10));

    assertThat(applied).containsExactly("p:route", "p:consumer");
  }

  @Test
  void aPluginThatRunsBeforeAuthenticationNeverSeesTheConsumer() {
    Config config = base().put(plugin("auth", "", "g")).put(plugin("early", "c", "consumer"))
        .put(plugin("early", "", "global")).build();

    access(config, authenticated(config), new Authenticator(), new Recorder("early", 5000));

    assertThat(applied).containsExactly("early:global");
  }

  @Test
  void pluginsRunInDescendingPriorityAndTiesByDescendingName() {
    Config config = base().put(plugin("a", "", "1")).put(plugin("b", "", "2")).put(plugin("c", "", "3")).build();

    access(config, TestExchange.on(config, views, "r", "GET", "/"),
        new Recorder("a", 10), new Recorder("b", 10), new Recorder("c", 20));

    assertThat(applied).containsExactly("c:3", "b:2", "a:1");
  }

  @Test
  void aConfigurationIsSkippedForAProtocolItDoesNotList() {
    Entity httpsOnly = plugin("p", "r", "route");
    ((ObjectNode) httpsOnly.fields()).putArray("protocols").add("https");
    Config config = base().put(httpsOnly).build();

    access(config, TestExchange.on(config, views, "r", "GET", "/"), new Recorder("p", 10));
    access(config, TestExchange.on(config, views, "r", "GET", "/").tls(), new Recorder("p", 10));

    assertThat(applied).containsExactly("p:route");
  }

  @Test
  void anExchangeWithNothingGlobalOrScopedToItsRouteOrServiceGetsNone() {
    Config routeOnly = base().put(plugin("p", "r", "route")).put(plugin("q", "c", "consumer")).build();
    Config serviceScoped = base().put(plugin("p", "s", "service")).build();
    Config global = base().put(plugin("p", "", "global")).build();
    PluginCatalog catalog = PluginCatalog.of(List.of(new Recorder("p", 10), new Recorder("q", 5)));

    assertThat(PluginChain.compile(routeOnly, catalog).run(TestExchange.on(routeOnly, views, "other", "GET", "/")))
        .isSameAs(PluginRun.NONE);
    assertThat(PluginChain.compile(routeOnly, catalog).run(TestExchange.on(routeOnly, views, "r", "GET", "/")))
        .isNotSameAs(PluginRun.NONE);
    assertThat(PluginChain.compile(serviceScoped, catalog).run(TestExchange.on(serviceScoped, views, "other", "GET", "/")))
        .isNotSameAs(PluginRun.NONE);
    assertThat(PluginChain.compile(global, catalog).run(TestExchange.on(global, views, "other", "GET", "/")))
        .isNotSameAs(PluginRun.NONE);
  }

  @Test
  void disabledPluginsAndPluginsTheCatalogLacksAreLeftOut() {
    Entity disabled = plugin("p", "r", "disabled");
    ((ObjectNode) disabled.fields()).put("enabled", false);
    Config config = base().put(disabled).put(plugin("p", "", "global")).put(plugin("unknown", "", "x")).build();

    access(config, TestExchange.on(config, views, "r", "GET", "/"), new Recorder("p", 10));

    assertThat(applied).containsExactly("p:global");
  }

  @Test
  void anExitStopsAccessAndLaterPhasesRunOnlyWhatAccessResolved() {
    Entity exits = plugin("first", "", "exit");
    ((ObjectNode) exits.get("config")).put("exit", true);
    Config config = base().put(exits).put(plugin("second", "", "never")).build();
    TestExchange ex = TestExchange.on(config, views, "r", "GET", "/");

    PluginRun run = access(config, ex, new Recorder("first", 20), new Recorder("second", 10));
    run.headerFilter();

    assertThat(applied).containsExactly("first:exit", "header:first");
    assertThat(ex.status()).isEqualTo(403);
  }

  @Test
  void anAsynchronousAccessHoldsTheChainUntilItCompletes() {
    Promise<Void> later = Promise.promise();
    GatewayPlugin waits = new Recorder("waits", 20) {
      @Override
      public Future<Void> access(ProxyExchange ex, JsonNode config) {
        applied.add("waits");
        return later.future();
      }
    };
    Config config = base().put(plugin("waits", "", "g")).put(plugin("next", "", "g")).build();
    PluginRun run = PluginChain.compile(config, PluginCatalog.of(List.of(waits, new Recorder("next", 10))))
        .run(TestExchange.on(config, views, "r", "GET", "/"));

    Future<Void> done = run.access();
    assertThat(done.isComplete()).isFalse();
    assertThat(applied).containsExactly("waits");
    later.complete();

    assertThat(done.succeeded()).isTrue();
    assertThat(applied).containsExactly("waits", "next:g");
  }

  @Test
  void aFailedAccessFailsTheRun() {
    GatewayPlugin fails = new Recorder("fails", 20) {
      @Override
      public Future<Void> access(ProxyExchange ex, JsonNode config) {
        return Future.failedFuture(new IllegalStateException("boom"));
      }
    };
    Config config = base().put(plugin("fails", "", "g")).put(plugin("next", "", "g")).build();

    Future<Void> done = PluginChain.compile(config, PluginCatalog.of(List.of(fails, new Recorder("next", 10))))
        .run(TestExchange.on(config, views, "r", "GET", "/")).access();

    assertThat(done.failed()).isTrue();
    assertThat(done.cause()).hasMessage("boom");
    assertThat(applied).isEmpty();
  }

  @Test
  void ofTwoConfigurationsOfOneScopeTheLaterWinsAsInKongsCombos() {
    Config config = base().put(plugin("p", "r", "first")).put(plugin("p", "r", "second")).build();

    access(config, TestExchange.on(config, views, "r", "GET", "/"), new Recorder("p", 1));

    assertThat(applied).containsExactly("p:second");
  }
}
