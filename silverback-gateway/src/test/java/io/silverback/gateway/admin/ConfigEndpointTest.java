package io.silverback.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.conf.NodeConf;
import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfig;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.declarative.DeclarativeReader;
import io.silverback.core.declarative.DeclarativeWriter;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.Json;
import io.silverback.store.memory.MemoryStore;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DB-less {@code /config} over real HTTP on loopback, against Kong's contract
 * ({@code spec/02-integration/04-admin_api/15-off_spec.lua}).
 */
class ConfigEndpointTest {
  static final EntityRegistry REGISTRY = EntityRegistry.standard();
  static final String SERVICE_ID = "0855b320-0dd2-547d-891d-601e9b38647f";
  static final String YAML = """
      _format_version: "3.0"
      services:
      - name: my-service
        id: 0855b320-0dd2-547d-891d-601e9b38647f
        url: https://example.com
        routes:
        - name: my-route
          id: 481a9539-f49c-51b6-b2e2-fe99ee68866c
          paths:
          - /
      consumers:
      - username: my-user
        id: 4b1b701d-de2b-5588-9aa2-3b97061d9f52
      """;

  static Vertx vertx;
  static final HttpClient CLIENT = HttpClient.newHttpClient();

  MemoryStore store;
  ConfigEndpoint endpoint;
  AdminServer server;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void startAdminApi() throws Exception {
    store = new MemoryStore(Config.empty(REGISTRY));
    endpoint = new ConfigEndpoint(store, DeclarativeConfigParser.of(REGISTRY));
    AdminContext context = new AdminContext(store, NodeConf.defaults(), "node-under-test");
    server = AdminServer.start(vertx, context, "127.0.0.1", 0, AdminOptions.defaults().withConfigurationHash(endpoint::hash),
        endpoint::mount).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopAdminApi() throws Exception {
    server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    store.close();
  }

  @Test
  void acceptsADocumentAsAJsonBody() throws Exception {
    Answer a = post("", "application/json", """
        {"_format_version": "1.1", "consumers": [{"username": "bobby_in_json_body"}]}""");
    assertThat(a.status).isEqualTo(201);
    assertThat(usernames()).containsExactly("bobby_in_json_body");
    assertThat(a.json().get("consumers").elements().next().get("username").asText()).isEqualTo("bobby_in_json_body");
  }

  @Test
  void acceptsADocumentAsAYamlBody() throws Exception {
    Answer a = post("", "application/yaml", """
        _format_version: "1.1"
        consumers:
          - username: "bobby_in_yaml_body"
        """);
    assertThat(a.status).isEqualTo(201);
    assertThat(usernames()).containsExactly("bobby_in_yaml_body");
  }

  @Test
  void acceptsTheDocumentAsTextUnderAConfigJsonKeyIgnoringOtherKeys() throws Exception {
    String doc = "_format_version: \"1.1\"\nconsumers:\n  - username: bobby_in_yaml_under_config\n";
    Answer a = post("", "application/json", Json.object().put("config", doc).put("type", "json").toString());
    assertThat(a.status).isEqualTo(201);
    assertThat(usernames()).containsExactly("bobby_in_yaml_under_config");
  }

  @Test
  void acceptsTheDocumentAsAUrlEncodedFormField() throws Exception {
    String doc = "{\"_format_version\": \"3.0\", \"consumers\": [{\"username\": \"bobby_in_form\"}]}";
    Answer a = post("", "application/x-www-form-urlencoded", "config=" + URLEncoder.encode(doc, StandardCharsets.UTF_8));
    assertThat(a.status).isEqualTo(201);
    assertThat(usernames()).containsExactly("bobby_in_form");
  }

  @Test
  void acceptsTheDocumentAsAMultipartFormField() throws Exception {
    String body = "--sep\r\nContent-Disposition: form-data; name=\"config\"\r\n\r\n"
        + "_format_version: \"3.0\"\nconsumers:\n- username: bobby_in_multipart\n\r\n--sep--\r\n";
    Answer a = post("", "multipart/form-data; boundary=sep", body);
    assertThat(a.status).isEqualTo(201);
    assertThat(usernames()).containsExactly("bobby_in_multipart");
  }

  @Test
  void answersWithTheLoadedEntitiesByTypeAndIdWithoutWorkspaces() throws Exception {
    JsonNode body = post("", "application/yaml", YAML).json();
    assertThat(body.has("workspaces")).isFalse();
    assertThat(fieldNames(body)).containsExactlyInAnyOrder("services", "routes", "consumers");
    JsonNode route = body.get("routes").get("481a9539-f49c-51b6-b2e2-fe99ee68866c");
    assertThat(route.get("service").get("id").asText()).isEqualTo(SERVICE_ID);
    assertThat(route.has("ws_id")).isFalse();
    assertThat(body.get("services").get(SERVICE_ID).get("host").asText()).isEqualTo("example.com");
  }

  @Test
  void keepsTheHashOfTheLoadedTextStartingFromZeros() throws Exception {
    assertThat(endpoint.hash()).isEqualTo(DeclarativeConfig.EMPTY_HASH);
    post("", "application/yaml", YAML);
    assertThat(endpoint.hash()).isEqualTo(md5(YAML));
  }

  @Test
  void answers304WithoutReloadingWhenCheckHashMatchesTheLoadedText() throws Exception {
    assertThat(post("", "application/yaml", YAML).status).isEqualTo(201);
    Config loaded = store.export();

    Answer again = post("?check_hash=1", "application/yaml", YAML);

    assertThat(again.status).isEqualTo(304);
    assertThat(again.body).isEmpty();
    assertThat(store.export()).isSameAs(loaded);
  }

  @Test
  void reloadsTheSameTextWhenCheckHashIsNotExactlyOne() throws Exception {
    post("", "application/yaml", YAML);
    Config loaded = store.export();
    assertThat(post("?check_hash=true", "application/yaml", YAML).status).isEqualTo(201);
    assertThat(store.export()).isNotSameAs(loaded);
  }

  @Test
  void loadsADifferentTextDespiteCheckHash() throws Exception {
    post("", "application/yaml", YAML);
    Answer a = post("?check_hash=1", "application/yaml", "_format_version: \"3.0\"\nconsumers:\n- username: other\n");
    assertThat(a.status).isEqualTo(201);
    assertThat(usernames()).containsExactly("other");
  }

  @Test
  void replacesTheWholeConfigurationInsteadOfMerging() throws Exception {
    post("", "application/yaml", YAML);
    assertThat(store.export().counts()).containsOnlyKeys("services", "routes", "consumers");

    post("", "application/yaml", "_format_version: \"3.0\"\nupstreams:\n- name: up\n");

    assertThat(store.export().counts()).containsExactly(java.util.Map.entry("upstreams", 1));
  }

  @Test
  void refusesAnInvalidDocumentWithKongsBodyAndKeepsTheCurrentConfiguration() throws Exception {
    post("", "application/yaml", YAML);
    Config loaded = store.export();
    String hash = endpoint.hash();

    Answer a = post("", "application/json", """
        {"_format_version": "1.1", "services": [{"port": -12}]}""");

    assertThat(a.status).isEqualTo(400);
    assertThat(a.json()).isEqualTo(Json.MAPPER.readTree("""
        {"code":14,"name":"invalid declarative configuration",
         "fields":{"services":[{"host":"required field missing","port":"value should be between 0 and 65535"}]},
         "message":"declarative config is invalid: {services={{host=\\"required field missing\\",port=\\"value should be between 0 and 65535\\"}}}"}
        """));
    assertThat(store.export()).isSameAs(loaded);
    assertThat(endpoint.hash()).isEqualTo(hash);
  }

  @Test
  void movesAttributableErrorsIntoFlattenedErrorsOnRequest() throws Exception {
    Answer a = post("?flatten_errors=1", "application/yaml", """
        _format_version: "3.0"
        services:
        - name: bad
          host: example.com
          port: -12
          tags: [svc-01]
        """);
    assertThat(a.status).isEqualTo(400);
    JsonNode body = a.json();
    assertThat(body.get("fields")).isEqualTo(Json.object());
    assertThat(body.get("message").asText()).isEqualTo("declarative config is invalid: {}");
    assertThat(body.get("flattened_errors")).hasSize(1);
    JsonNode e = body.get("flattened_errors").get(0);
    assertThat(e.get("entity_type").asText()).isEqualTo("service");
    assertThat(e.get("entity_name").asText()).isEqualTo("bad");
    assertThat(e.get("entity_tags")).isEqualTo(Json.array().add("svc-01"));
    assertThat(e.get("entity").get("port").asInt()).isEqualTo(-12);
    assertThat(e.get("errors")).isEqualTo(Json.MAPPER.readTree(
        "[{\"type\":\"field\",\"field\":\"port\",\"message\":\"value should be between 0 and 65535\"}]"));
  }

  @Test
  void neverFlattensTheErrorOfAnUnreadableDocument() throws Exception {
    Answer a = post("", "application/json", "{\"config\": \"bobby tables\", \"flatten_errors\": true}");
    assertThat(a.status).isEqualTo(400);
    assertThat(a.json()).isEqualTo(Json.MAPPER.readTree("""
        {"code":14,"name":"invalid declarative configuration",
         "fields":{"error":"failed parsing declarative configuration: expected an object"},
         "message":"declarative config is invalid: {error=\\"failed parsing declarative configuration: expected an object\\"}"}
        """));
  }

  @Test
  void refusesARequestWithoutADocument() throws Exception {
    Answer a = post("", "application/yaml", "");
    assertThat(a.status).isEqualTo(400);
    assertThat(a.json()).isEqualTo(Json.object().put("message", "expected a declarative configuration"));
  }

  @Test
  void refusesMalformedJsonAsKongsAdminApiDoes() throws Exception {
    Answer a = post("", "application/json", "{\"_format_version\": ");
    assertThat(a.status).isEqualTo(400);
    assertThat(a.json()).isEqualTo(Json.object().put("message", "Cannot parse JSON body"));
  }

  @Test
  void refusesAnUnacceptedContentType() throws Exception {
    assertThat(post("", "text/plain", YAML).status).isEqualTo(415);
    assertThat(store.export().isEmpty()).isTrue();
  }

  @Test
  void returnsTheCurrentConfigurationAsYamlThatParsesBackToTheSameEntities() throws Exception {
    post("", "application/yaml", YAML);

    Answer a = get("/config");

    assertThat(a.status).isEqualTo(200);
    assertThat(fieldNames(a.json())).containsExactly("config");
    String yaml = a.json().get("config").asText();
    assertThat(yaml).startsWith("_format_version: ");
    Config parsed = DeclarativeConfigParser.of(REGISTRY).parseString(yaml).orThrow().config();
    assertThat(json(parsed)).isEqualTo(json(store.export()));
  }

  @Test
  void returnsAnEmptyDocumentBeforeAnythingIsLoaded() throws Exception {
    Answer a = get("/config");
    assertThat(a.status).isEqualTo(200);
    Config parsed = DeclarativeConfigParser.of(REGISTRY).parseString(a.json().get("config").asText()).orThrow().config();
    assertThat(parsed.isEmpty()).isTrue();
  }

  private List<String> usernames() {
    return store.export().all("consumers").stream().map(e -> e.text("username")).toList();
  }

  private static String json(Config config) {
    return new String(DeclarativeWriter.toBytes(config, DeclarativeReader.Syntax.JSON), StandardCharsets.UTF_8);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String md5(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private Answer post(String query, String contentType, String body) throws Exception {
    return send(HttpRequest.newBuilder(uri("/config" + query)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private Answer get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static Answer send(HttpRequest request) throws Exception {
    HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r.body());
  }

  private record Answer(int status, String body) {
    JsonNode json() throws Exception {
      return Json.MAPPER.readTree(body);
    }
  }
}
