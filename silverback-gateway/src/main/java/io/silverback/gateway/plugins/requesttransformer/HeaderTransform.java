package io.silverback.gateway.plugins.requesttransformer;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.gateway.plugins.Pair;
import io.vertx.core.MultiMap;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Request-transformer's header changes, in Kong's order, on the upstream request's headers:
 * remove, rename, replace (also {@code Host}, even when absent), add (never {@code Host}), append.
 * A replace with an empty value removes the header, as Lua's assignment of nil does.
 */
final class HeaderTransform {
  private HeaderTransform() {}

  static void apply(JsonNode config, MultiMap headers, UnaryOperator<String> render) {
    for (Pair p : pairs(config, "remove")) {
      headers.remove(p.name());
    }
    for (Pair p : pairs(config, "rename")) {
      List<String> values = headers.getAll(p.name());
      if (!values.isEmpty() && p.value() != null) {
        headers.remove(p.name());
        headers.set(render.apply(p.value()), values);
      }
    }
    for (Pair p : pairs(config, "replace")) {
      if (headers.contains(p.name()) || p.name().equalsIgnoreCase("host")) {
        if (p.value() == null) {
          headers.remove(p.name());
        } else {
          headers.set(p.name(), render.apply(p.value()));
        }
      }
    }
    for (Pair p : pairs(config, "add")) {
      if (!headers.contains(p.name()) && !p.name().equalsIgnoreCase("host") && p.value() != null) {
        headers.set(p.name(), render.apply(p.value()));
      }
    }
    for (Pair p : pairs(config, "append")) {
      if (p.value() != null) {
        headers.add(p.name(), render.apply(p.value()));
      }
    }
  }

  private static List<Pair> pairs(JsonNode config, String op) {
    return Pair.all(config.path(op).path("headers"));
  }
}
