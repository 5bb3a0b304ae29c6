package io.silverback.gateway.plugins.requesttransformer;

import io.silverback.gateway.plugins.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Kong's remove, rename, replace, add and append on a table of arguments (query string or
 * url-encoded body): names map to their values in order, a value is a string or {@code true}
 * (a name without {@code =}). Each returns whether it changed something.
 */
final class Params {
  private Params() {}

  static boolean remove(Map<String, List<Object>> args, List<Pair> pairs) {
    pairs.forEach(p -> args.remove(p.name()));
    return !pairs.isEmpty();
  }

  static boolean rename(Map<String, List<Object>> args, List<Pair> pairs, UnaryOperator<String> render) {
    boolean changed = false;
    for (Pair p : pairs) {
      String to = p.value() == null ? null : render.apply(p.value());
      if (to != null && !p.name().equals(to) && args.containsKey(p.name())) {
        args.put(to, args.remove(p.name()));
        changed = true;
      }
    }
    return changed;
  }

  static boolean replace(Map<String, List<Object>> args, List<Pair> pairs, UnaryOperator<String> render) {
    boolean changed = false;
    for (Pair p : pairs) {
      if (args.containsKey(p.name())) {
        set(args, p.name(), p.value() == null ? null : render.apply(p.value()));
        changed = true;
      }
    }
    return changed;
  }

  static boolean add(Map<String, List<Object>> args, List<Pair> pairs, UnaryOperator<String> render) {
    boolean changed = false;
    for (Pair p : pairs) {
      if (!args.containsKey(p.name()) && p.value() != null) {
        set(args, p.name(), render.apply(p.value()));
        changed = true;
      }
    }
    return changed;
  }

  static boolean append(Map<String, List<Object>> args, List<Pair> pairs, UnaryOperator<String> render) {
    for (Pair p : pairs) {
      List<Object> values = args.computeIfAbsent(p.name(), n -> new ArrayList<>());
      if (p.value() != null) {
        values.add(render.apply(p.value()));
      }
    }
    return !pairs.isEmpty();
  }

  private static void set(Map<String, List<Object>> args, String name, String value) {
    if (value == null) {
      args.remove(name);
    } else {
      args.put(name, new ArrayList<>(List.of(value)));
    }
  }
}
