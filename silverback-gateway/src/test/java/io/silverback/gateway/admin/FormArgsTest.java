package io.silverback.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.EntitySchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/** Form fields nested and typed as Kong's {@code normalize_nested_params} and {@code infer_value} do. */
class FormArgsTest {
  private static final EntityRegistry REGISTRY = EntityRegistry.standard();

  /** Each case: entity, form body ({@code &}-separated, repeated keys allowed), expected JSON. */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvFileSource(resources = "/form-args.csv", delimiter = '|', numLinesToSkip = 1)
  void decodesFormFieldsAsKong(String entity, String form, String expected) {
    EntitySchema schema = REGISTRY.require(entity);
    assertThat(FormArgs.decode(fields(form), schema).toString()).isEqualTo(expected);
  }

  private static Map<String, List<String>> fields(String form) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      out.computeIfAbsent(pair.substring(0, eq), k -> new java.util.ArrayList<>()).add(pair.substring(eq + 1));
    }
    return out;
  }
}
