package io.silverback.core.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.EntityRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeclarativeConfigParserTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  private final DeclarativeConfigParser parser =
      DeclarativeConfigParser.of(EntityRegistry.standard()).withClock(CLOCK).keepingInputForErrors();

  private Config parse(String yaml) {
    return parser.parseString(yaml).orThrow().config();
  }

  private String errors(String yaml) {
    return parser.parseString(yaml).errors().orElseThrow().fields().toJson().toString();
  }

  @Test
  void fillsDefaultsAndAutoFieldsOfEveryEntity() {
    Config c = parse("""
        _format_version: "3.0"
        services:
          - name: s1
            host: example.com
        """);
    Entity s = c.all("services").iterator().next();
    assertThat(s.get("port").asInt()).isEqualTo(80);
    assertThat(s.get("protocol").asText()).isEqualTo("http");
    assertThat(s.get("retries").asInt()).isEqualTo(5);
    assertThat(s.get("connect_timeout").asInt()).isEqualTo(60000);
    assertThat(s.get("enabled").asBoolean()).isTrue();
    assertThat(s.get("path").isNull()).isTrue();
    assertThat(s.get("created_at").asLong()).isEqualTo(CLOCK.millis() / 1000);
    assertThat(s.get("updated_at").asLong()).isEqualTo(CLOCK.millis() / 1000);
  }

  @Test
  void expandsTheServiceUrlShorthand() {
    Entity s = parse("""
        _format_version: "3.0"
        services:
          - name: s1
            url: https://example.com:8000/hello/world
        """).all("services").iterator().next();
    assertThat(s.get("protocol").asText()).isEqualTo("https");
    assertThat(s.get("host").asText()).isEqualTo("example.com");
    assertThat(s.get("port").asInt()).isEqualTo(8000);
    assertThat(s.get("path").asText()).isEqualTo("/hello/world");
    assertThat(s.fields().has("url")).isFalse();
  }

  @Test
  void nestedChildrenPointToTheirParent() {
    Config c = parse("""
        _format_version: "3.0"
        services:
          - name: s1
            host: example.com
            routes:
              - name: r1
                paths: [/a]
        """);
    Entity service = c.all("services").iterator().next();
    Entity route = c.all("routes").iterator().next();
    assertThat(route.foreignId("service")).isEqualTo(service.id());
  }

  @Test
  void resolvesTopLevelReferencesByNameAndById() {
    Config c = parse("""
        _format_version: "3.0"
        services:
          - name: s1
            id: 0855b320-0dd2-547d-891d-601e9b38647f
            host: example.com
        routes:
          - name: by-name
            service: s1
            paths: [/a]
          - name: by-id
            service: 0855b320-0dd2-547d-891d-601e9b38647f
            paths: [/b]
          - name: by-object
            service: {id: 0855b320-0dd2-547d-891d-601e9b38647f}
            paths: [/c]
        """);
    assertThat(c.all("routes")).extracting(r -> r.foreignId("service"))
        .containsOnly("0855b320-0dd2-547d-891d-601e9b38647f");
  }

  @Test
  void reportsAReferenceToNothingUnderTheReferencingRecordsName() {
    assertThat(errors("""
        _format_version: "3.0"
        routes:
          - name: r1
            service: nope
            paths: [/a]
        """)).isEqualTo("{\"routes\":{\"r1\":[\"invalid reference 'service: nope' (no such entry in 'services')\"]}}");
  }

  @Test
  void refusesTwoRecordsWithTheSameEndpointKey() {
    assertThat(errors("""
        _format_version: "3.0"
        services:
          - name: foo
            host: a.com
          - name: foo
            host: b.com
        """)).isEqualTo("{\"services\":[null,\"uniqueness violation: 'services' entity with name set to 'foo' already declared\"]}");
  }

  @Test
  void refusesTwoRecordsWithTheSameId() {
    assertThat(errors("""
        _format_version: "3.0"
        services:
          - id: 0855b320-0dd2-547d-891d-601e9b38647f
            host: a.com
          - id: 0855b320-0dd2-547d-891d-601e9b38647f
            host: b.com
        """)).isEqualTo("{\"services\":[null,\"uniqueness violation: 'services' entity with primary key set to "
            + "'0855b320-0dd2-547d-891d-601e9b38647f' already declared\"]}");
  }

  @Test
  void refusesADuplicateUniqueFieldOtherThanTheEndpointKey() {
    assertThat(errors("""
        _format_version: "3.0"
        consumers:
          - username: foo
            custom_id: conflict
          - username: bar
            custom_id: conflict
        """)).isEqualTo("{\"consumers\":{\"bar\":\"uniqueness violation: 'consumers' entity with custom_id set to 'conflict' already declared\"}}");
  }

  @Test
  void reportsFieldErrorsNestedUnderTheirEntityAndIndex() {
    assertThat(errors("""
        _format_version: "3.0"
        services:
          - port: -12
        """)).isEqualTo("{\"services\":[{\"host\":\"required field missing\",\"port\":\"value should be between 0 and 65535\"}]}");
  }

  @Test
  void nestedChildrenMayNotNameAnotherParent() {
    assertThat(errors("""
        _format_version: "3.0"
        consumers:
          - username: c1
        services:
          - name: s1
            host: example.com
            routes:
              - name: r1
                paths: [/a]
                service: other
        """)).isEqualTo("{\"services\":[{\"routes\":[{\"service\":\"value must be null\"}]}]}");
  }

  @Test
  void nestedChildrenMayNameTheirOwnParent() {
    Config c = parse("""
        _format_version: "3.0"
        services:
          - name: s1
            host: example.com
            routes:
              - name: r1
                paths: [/a]
                service: s1
        """);
    assertThat(c.count("routes")).isEqualTo(1);
  }

  @Test
  void formatVersionMustBeAKnownString() {
    assertThat(errors("_format_version: 1.1\n")).isEqualTo("{\"_format_version\":\"expected a string\"}");
    assertThat(errors("_format_version: \"4.0\"\n"))
        .isEqualTo("{\"_format_version\":\"expected one of: 1.1, 2.1, 3.0\"}");
    assertThat(errors("services: []\n")).isEqualTo("{\"_format_version\":\"required field missing\"}");
  }

  @Test
  void refusesUnknownTopLevelKeysAndEntityFields() {
    assertThat(errors("""
        _format_version: "3.0"
        abnormal_extra_field: 1
        consumer_groups: []
        consumers:
          - username: c1
            colour: red
        """)).isEqualTo("{\"abnormal_extra_field\":\"unknown field\",\"consumer_groups\":\"unknown field\","
            + "\"consumers\":[{\"colour\":\"unknown field\"}]}");
  }

  @Test
  void acceptsCommentAndIgnoreEverywhereButChecksTheirTypes() {
    assertThat(parse("""
        _format_version: "3.0"
        _comment: top
        _ignore: [1, {a: b}]
        consumers:
          - username: c1
            _comment: hello
            _ignore: [x]
        """).count("consumers")).isEqualTo(1);
    assertThat(errors("""
        _format_version: "3.0"
        _comment: 1
        consumers:
          - username: c1
            _ignore: x
        """)).isEqualTo("{\"_comment\":\"expected a string\",\"consumers\":[{\"_ignore\":\"expected an array\"}]}");
  }

  @Test
  void wrapsUnreadableTextInKongsParsingError() {
    assertThat(errors("bobby tables")).isEqualTo(
        "{\"error\":\"failed parsing declarative configuration: expected an object\"}");
    assertThat(errors("- a\n- b\n")).isEqualTo(
        "{\"error\":\"failed parsing declarative configuration: expected an object\"}");
  }

  @Test
  void anEmptyConfigHasKongsEmptyHash() {
    DeclarativeConfig c = parser.parseString("_format_version: \"3.0\"\n").orThrow();
    assertThat(c.hash()).isEqualTo(DeclarativeConfig.EMPTY_HASH);
    assertThat(parser.parseString("_format_version: \"3.0\"\nconsumers: [{username: a}]\n").orThrow().hash())
        .hasSize(32).isNotEqualTo(DeclarativeConfig.EMPTY_HASH);
  }

  @Test
  void flattenedErrorsNameTheEntityAndMoveOutOfFields() {
    DeclarativeErrors e = parser.parseString("""
        _format_version: "3.0"
        abnormal_extra_field: 1
        services:
          - name: s1
            port: 99999
            tags: [a, b]
            routes:
              - name: r1
                protocols: [tcp]
        """).errors().orElseThrow();
    String body = e.toBody(true).toString();
    assertThat(body).contains("\"fields\":{\"abnormal_extra_field\":\"unknown field\"}");
    assertThat(e.flattenedErrors()).hasSize(2);
    assertThat(e.flattenedErrors().get(0).get("entity_type").asText()).isEqualTo("route");
    assertThat(e.flattenedErrors().get(0).get("entity").toString()).isEqualTo("{\"name\":\"r1\",\"protocols\":[\"tcp\"]}");
    assertThat(e.flattenedErrors().get(1).toString())
        .contains("\"entity_type\":\"service\"", "\"entity_name\":\"s1\"", "\"entity_tags\":[\"a\",\"b\"]",
            "{\"type\":\"field\",\"field\":\"host\",\"message\":\"required field missing\"}",
            "{\"type\":\"field\",\"field\":\"port\",\"message\":\"value should be between 0 and 65535\"}");
  }

  @org.junit.jupiter.api.io.TempDir
  java.nio.file.Path dir;

  private String fileError(String name, String text) throws Exception {
    java.nio.file.Path f = dir.resolve(name);
    if (text != null) {
      java.nio.file.Files.writeString(f, text);
    }
    return parser.parseFile(f).errors().orElseThrow().fields().get("error").toString();
  }

  @Test
  void namesTheFileThatIsMissingOrADirectoryOrOfUnknownType() throws Exception {
    assertThat(fileError("missing.yaml", null)).isEqualTo("no such file: " + dir.resolve("missing.yaml"));
    java.nio.file.Files.createDirectory(dir.resolve("d.yaml"));
    assertThat(fileError("d.yaml", null)).contains("d.yaml is a directory");
    assertThat(fileError("kong.conf", "x")).isEqualTo("unknown file type: "
        + dir.resolve("kong.conf").toAbsolutePath() + ". (Accepted types: json, yaml)");
  }

  @Test
  void refusesDuplicateKeysInOneMappingWithTheirPosition() throws Exception {
    assertThat(fileError("dup.json", "{\"_format_version\":\"3.0\",\"services\":[],\"services\":[]}"))
        .contains("Duplicate field 'services'").contains("line 1");
    assertThat(fileError("dup.yaml", "_format_version: \"3.0\"\nconsumers:\n  - username: a\n    username: b\n"))
        .contains("found duplicate key username").contains("line 4");
  }

  @Test
  void readsJsonFilesAndYamlAnchorsAliasesAndMergeKeys() throws Exception {
    java.nio.file.Path json = dir.resolve("kong.json");
    java.nio.file.Files.writeString(json, "{\"_format_version\":\"3.0\",\"consumers\":[{\"username\":\"a\"}]}");
    assertThat(parser.parseFile(json).orThrow().config().count("consumers")).isEqualTo(1);
    Config c = parse("""
        _format_version: "3.0"
        x-defaults: &defaults
          host: example.com
          retries: 7
        services:
          - <<: *defaults
            name: s1
          - <<: *defaults
            name: s2
            retries: 2
        """.replace("x-defaults: &defaults\n  host: example.com\n  retries: 7\n", "_ignore:\n  - &defaults\n    host: example.com\n    retries: 7\n"));
    assertThat(c.all("services")).extracting(e -> e.get("retries").asInt()).containsExactlyInAnyOrder(7, 2);
    assertThat(c.all("services")).extracting(e -> e.text("host")).containsOnly("example.com");
  }

  @Test
  void migratesRegexPathsOfFormatTwoOne() {
    Config c = parse("""
        _format_version: "2.1"
        services:
          - name: s1
            host: example.com
            routes:
              - name: r1
                paths: [/regex.+, /plain]
        """);
    assertThat(c.all("routes").iterator().next().get("paths").toString()).isEqualTo("[\"~/regex.+\",\"/plain\"]");
    assertThat(errors("""
        _format_version: "2.1"
        routes:
          - name: r1
            paths: ["/regex.+("]
        """)).contains("invalid regex: '/regex.+(' (PCRE returned: pcre2_compile() failed: missing closing parenthesis");
  }

  @Test
  void acceptsAnAbsoluteTtlOnKeyAuthCredentialsOnly() {
    Config c = parse("""
        _format_version: "3.0"
        consumers:
          - username: a
            keyauth_credentials:
              - key: k1
                ttl: 1900000000
        """);
    assertThat(c.all("keyauth_credentials").iterator().next().get("ttl").asLong()).isEqualTo(1900000000L);
    assertThat(errors("""
        _format_version: "3.0"
        consumers:
          - username: a
            acls:
              - group: g
                ttl: 5
        """)).isEqualTo("{\"consumers\":[{\"acls\":[{\"ttl\":\"unknown field\"}]}]}");
  }
}
