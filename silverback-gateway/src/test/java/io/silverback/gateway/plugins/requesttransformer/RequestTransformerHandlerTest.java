package io.silverback.gateway.plugins.requesttransformer;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.router.RouteMatch;
import io.silverback.core.schema.Json;
import io.silverback.gateway.plugins.testing.PluginConfigs;
import io.silverback.gateway.plugin.testing.TestExchange;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTransformerHandlerTest {
  private final RequestTransformerHandler handler = new RequestTransformerHandler();

  private Future<Void> run(TestExchange ex, String config) {
    return handler.access(ex, PluginConfigs.config("request-transformer", config));
  }

  @Test
  void changesHeadersInKongsOrderWithTemplates() {
    TestExchange ex = new TestExchange(null).header("X-Drop", "1").header("X-Old", "o")
        .header("X-Keep", "k").header("X-User", "ann");

    run(ex, "{\"remove\":{\"headers\":[\"x-drop\"]},\"rename\":{\"headers\":[\"x-old:x-new\"]},"
        + "\"replace\":{\"headers\":[\"x-keep:r\"]},\"add\":{\"headers\":[\"x-from:$(headers.x_user)\","
        + "\"x-keep:no\"]},\"append\":{\"headers\":[\"x-keep:more\"]}}");

    assertThat(ex.upstreamHeaders().contains("x-drop")).isFalse();
    assertThat(ex.upstreamHeaders().get("x-new")).isEqualTo("o");
    assertThat(ex.upstreamHeaders().getAll("x-keep")).containsExactly("r", "more");
    assertThat(ex.upstreamHeaders().get("x-from")).isEqualTo("ann");
  }

  @Test
  void changesTheQueryString() {
    TestExchange ex = new TestExchange(null);
    ex.upstreamQuery("drop=1&old=o&keep=k&flag");

    run(ex, "{\"remove\":{\"querystring\":[\"drop\"]},\"rename\":{\"querystring\":[\"old:new\"]},"
        + "\"replace\":{\"querystring\":[\"keep:r\"]},\"add\":{\"querystring\":[\"added:a b\"]},"
        + "\"append\":{\"querystring\":[\"keep:2\"]}}");

    assertThat(ex.upstreamQuery()).isEqualTo("keep=r&keep=2&flag&new=o&added=a%20b");
  }

  @Test
  void replacesTheUriFromRouteCapturesAndTheMethod() {
    TestExchange ex = new TestExchange(null)
        .match(new RouteMatch(null, null, "/u/7", "/u/7", "/u/7", List.of("/u/7", "7"), Map.of("id", "7"), true));

    run(ex, "{\"http_method\":\"PUT\",\"replace\":{\"uri\":\"/users/$(uri_captures.id)/$(uri_captures[1])\"}}");

    assertThat(ex.upstreamPath()).isEqualTo("/users/7/7");
    assertThat(ex.upstreamMethod()).isEqualTo("PUT");
  }

  @Test
  void transformsAJsonBodyAndItsLength() throws Exception {
    TestExchange ex = new TestExchange(null).method("POST").header("Content-Type", "application/json")
        .body("{\"secret\":\"s\",\"old\":1,\"list\":\"a\"}");

    assertThat(run(ex, "{\"remove\":{\"body\":[\"secret\"]},\"rename\":{\"body\":[\"old:new\"]},"
        + "\"add\":{\"body\":[\"added:x\"]},\"append\":{\"body\":[\"list:b\"]}}").succeeded()).isTrue();

    assertThat(Json.MAPPER.readTree(ex.upstreamBody().getBytes()))
        .isEqualTo(Json.MAPPER.readTree("{\"new\":1,\"list\":[\"a\",\"b\"],\"added\":\"x\"}"));
    assertThat(ex.upstreamHeaders().get("Content-Length")).isEqualTo(Integer.toString(ex.upstreamBody().length()));
  }

  @Test
  void transformsAUrlEncodedBody() {
    TestExchange ex = new TestExchange(null).method("POST")
        .header("Content-Type", "application/x-www-form-urlencoded").body("a=1&b=2");

    run(ex, "{\"remove\":{\"body\":[\"a\"]},\"replace\":{\"body\":[\"b:3\"]},\"add\":{\"body\":[\"c:4\"]}}");

    assertThat(ex.upstreamBody().toString()).isEqualTo("b=3&c=4");
  }

  @Test
  void transformsAMultipartBody() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
        + "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.txt\"\r\nContent-Type: text/plain\r\n\r\n"
        + "file\r\n--XyZ--\r\n";
    TestExchange ex = new TestExchange(null).method("POST")
        .header("Content-Type", "multipart/form-data; boundary=XyZ").body(body);

    run(ex, "{\"rename\":{\"body\":[\"a:b\"]},\"add\":{\"body\":[\"c:3\"]}}");

    assertThat(ex.upstreamBody().toString()).isEqualTo(
        "--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.txt\"\r\nContent-Type: text/plain\r\n\r\n"
            + "file\r\n--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n1\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"c\"\r\n\r\n3\r\n--XyZ--\r\n");
  }

  @Test
  void aFormBodyJoinsTheQueryWhenTheMethodBecomesGet() {
    TestExchange ex = new TestExchange(null).method("POST")
        .header("Content-Type", "application/x-www-form-urlencoded").body("x=1");
    ex.upstreamQuery("y=2");

    run(ex, "{\"http_method\":\"GET\"}");

    assertThat(ex.upstreamMethod()).isEqualTo("GET");
    assertThat(ex.upstreamQuery()).isEqualTo("y=2&x=1");
  }

  @Test
  void anUnsupportedTemplateFailsTheRequest() {
    Future<Void> done = run(new TestExchange(null), "{\"add\":{\"headers\":[\"x:$(os.time())\"]}}");

    assertThat(done.failed()).isTrue();
    assertThat(done.cause()).isInstanceOf(TemplateException.class);
  }
}
