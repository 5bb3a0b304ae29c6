package io.silverback.gateway.plugins.requestsizelimiting;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.gateway.plugins.testing.PluginConfigs;
import io.silverback.gateway.plugin.testing.TestExchange;
import org.junit.jupiter.api.Test;

class RequestSizeLimitingHandlerTest {
  private static final String TEN_BYTES = "{\"allowed_payload_size\":10,\"size_unit\":\"bytes\"}";
  private final RequestSizeLimitingHandler handler = new RequestSizeLimitingHandler();

  private TestExchange run(TestExchange ex, String config) {
    handler.access(ex, PluginConfigs.config("request-size-limiting", config));
    return ex;
  }

  @Test
  void refusesADeclaredLengthOverTheLimit() {
    TestExchange ex = run(new TestExchange(null).header("Content-Length", "11"), TEN_BYTES);

    assertThat(ex.status()).isEqualTo(413);
    assertThat(ex.exitBody().toString()).isEqualTo("{\"message\":\"Request size limit exceeded\"}");
    assertThat(run(new TestExchange(null).header("Content-Length", "10"), TEN_BYTES).exited()).isFalse();
  }

  @Test
  void answers417ToAClientWaitingForContinue() {
    TestExchange ex = run(new TestExchange(null).header("Content-Length", "2048")
        .header("Expect", " 100-Continue "), "{\"allowed_payload_size\":1,\"size_unit\":\"kilobytes\"}");

    assertThat(ex.status()).isEqualTo(417);
  }

  @Test
  void countsAStreamedBodyWithoutALength() {
    assertThat(run(new TestExchange(null).body("01234567890"), TEN_BYTES).status()).isEqualTo(413);
    assertThat(run(new TestExchange(null).body("0123456789"), TEN_BYTES).exited()).isFalse();
  }

  @Test
  void requiresALengthWhenConfiguredUnlessChunked() {
    String config = "{\"require_content_length\":true}";

    TestExchange ex = run(new TestExchange(null), config);
    assertThat(ex.status()).isEqualTo(411);
    assertThat(ex.exitBody().toString()).contains("A valid Content-Length header is required");
    assertThat(run(new TestExchange(null).header("Transfer-Encoding", "chunked"), config).exited()).isFalse();
  }

  @Test
  void megabytesByDefault() {
    assertThat(RequestSizeLimitingHandler.allowedBytes(PluginConfigs.config("request-size-limiting", "{}")))
        .isEqualTo(128L * 1024 * 1024);
  }
}
