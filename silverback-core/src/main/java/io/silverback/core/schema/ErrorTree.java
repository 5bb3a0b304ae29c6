package io.silverback.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kong's nested error table: keys are field names or 1-based array indices, leaves are messages,
 * and {@code @entity} holds the entity-level messages of a record.
 *
 * <p>Values are a {@code String}, a {@code List<String>} (under {@link #ENTITY} and for reference
 * errors) or a nested {@code ErrorTree}. Renderers sort keys (indices, then names, so {@code
 * @entity} comes first as in Kong's messages) where Kong's output depends on Lua's hash order.
 */
public final class ErrorTree {
  /** The key of entity-level messages. */
  public static final String ENTITY = "@entity";

  private final Map<Object, Object> entries = new LinkedHashMap<>();

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  public int size() {
    return entries.size();
  }

  /** The keys: {@code String} field names and {@code Integer} 1-based indices. */
  public Set<Object> keys() {
    return entries.keySet();
  }

  /** The value under {@code key}: a String, a List of Strings, an ErrorTree, or null. */
  public Object get(Object key) {
    return entries.get(key);
  }

  public ErrorTree put(Object key, String message) {
    entries.put(checkKey(key), message);
    return this;
  }

  public ErrorTree put(Object key, ErrorTree tree) {
    entries.put(checkKey(key), tree);
    return this;
  }

  public void remove(Object key) {
    entries.remove(key);
  }

  /** Sets a message at a dotted path ({@code a.b} nests under {@code a}), as Kong's set_field. */
  public void putPath(String dotted, String message) {
    int dot = dotted.indexOf('.');
    if (dot < 0) {
      put(dotted, message);
    } else {
      child(dotted.substring(0, dot)).putPath(dotted.substring(dot + 1), message);
    }
  }

  /** Adds an entity-level message. */
  public void addEntityError(String message) {
    append(ENTITY, message);
  }

  /** Appends a message to the list under {@code key}. */
  @SuppressWarnings("unchecked")
  public void append(Object key, String message) {
    Object cur = entries.get(key);
    if (cur instanceof List<?> list) {
      ((List<String>) list).add(message);
    } else {
      List<String> list = new ArrayList<>();
      if (cur instanceof String s) {
        list.add(s);
      }
      list.add(message);
      entries.put(checkKey(key), list);
    }
  }

  /** The subtree under {@code key}, created when absent (a message there is replaced). */
  public ErrorTree child(Object key) {
    Object cur = entries.get(key);
    if (cur instanceof ErrorTree t) {
      return t;
    }
    ErrorTree t = new ErrorTree();
    entries.put(checkKey(key), t);
    return t;
  }

  /** Deep-merges {@code other} into this tree; on a conflict the other's value wins. */
  public void merge(ErrorTree other) {
    for (Map.Entry<Object, Object> e : other.entries.entrySet()) {
      Object mine = entries.get(e.getKey());
      if (mine instanceof ErrorTree a && e.getValue() instanceof ErrorTree b) {
        a.merge(b);
      } else {
        entries.put(e.getKey(), e.getValue());
      }
    }
  }

  /**
   * Kong's JSON rendering: a tree keyed only by indices becomes an array with null holes (an
   * object with string keys when it is too sparse, as lua-cjson does); lists become arrays.
   */
  public JsonNode toJson() {
    if (isSequenceLike()) {
      ArrayNode arr = Json.array();
      int max = maxIndex();
      for (int i = 1; i <= max; i++) {
        arr.add(valueToJson(entries.get(i)));
      }
      return arr;
    }
    ObjectNode obj = Json.object();
    java.util.List<Object> keys = new java.util.ArrayList<>(entries.keySet());
    keys.sort(PrettyErrors.KEY_ORDER);
    for (Object k : keys) {
      obj.set(String.valueOf(k), valueToJson(entries.get(k)));
    }
    return obj;
  }

  private boolean isSequenceLike() {
    if (entries.isEmpty()) {
      return false;
    }
    for (Object k : entries.keySet()) {
      if (!(k instanceof Integer)) {
        return false;
      }
    }
    int max = maxIndex();
    return max <= 10 || max <= 2 * entries.size();
  }

  private int maxIndex() {
    int max = 0;
    for (Object k : entries.keySet()) {
      if (k instanceof Integer i && i > max) {
        max = i;
      }
    }
    return max;
  }

  private static JsonNode valueToJson(Object v) {
    if (v == null) {
      return Json.NODES.nullNode();
    }
    if (v instanceof ErrorTree t) {
      return t.toJson();
    }
    if (v instanceof List<?> list) {
      ArrayNode arr = Json.array();
      list.forEach(s -> arr.add(String.valueOf(s)));
      return arr;
    }
    return Json.NODES.textNode(String.valueOf(v));
  }

  /** Penlight's compact rendering used in Kong's messages: {@code {services={[2]="..."}}}. */
  public String toPretty() {
    return PrettyErrors.penlight(this);
  }

  /** Kong's CLI report ({@code pretty_print_error}), indented two spaces per level. */
  public String toReport() {
    return PrettyErrors.report(this);
  }

  Map<Object, Object> entries() {
    return entries;
  }

  private static Object checkKey(Object key) {
    if (!(key instanceof String) && !(key instanceof Integer)) {
      throw new SchemaDefinitionException("error keys are field names or indices, not %s", key);
    }
    return key;
  }

  @Override
  public String toString() {
    return toJson().toString();
  }
}
