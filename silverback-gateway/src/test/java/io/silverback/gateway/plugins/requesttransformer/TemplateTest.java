package io.silverback.gateway.plugins.requesttransformer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private static final Template.Lookup ENV = (table, key) -> switch (table) {
    case "headers" -> Map.of("x-user", List.of("ann", "bob")).get(key);
    case "uri_captures" -> Map.of("id", "42", "1", "first").get(key);
    default -> null;
  };

  @Test
  void rendersKongsTableLookups() {
    assertThat(Template.render("/users/$(uri_captures.id)/x", ENV)).isEqualTo("/users/42/x");
    assertThat(Template.render("$(headers[\"x-user\"])", ENV)).isEqualTo("ann");
    assertThat(Template.render("$(uri_captures[1])-$(uri_captures['id'])", ENV)).isEqualTo("first-42");
  }

  @Test
  void missingValuesRenderEmptyOrTheirDefault() {
    assertThat(Template.render("a$(query_params.q)b", ENV)).isEqualTo("ab");
    assertThat(Template.render("$(query_params.q or 'none')", ENV)).isEqualTo("none");
    assertThat(Template.render("plain $ text (x)", ENV)).isEqualTo("plain $ text (x)");
  }

  @Test
  void refusesExpressionsOutsideTheSubset() {
    assertThatThrownBy(() -> Template.render("$(os.time())", ENV)).isInstanceOf(TemplateException.class)
        .hasMessageContaining("os.time()");
  }
}
