package io.silverback.gateway.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.config.Entity;
import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Json;
import io.silverback.store.Page;
import io.silverback.store.PageRequest;
import io.silverback.store.Store;
import io.silverback.store.StoreErrors;
import io.silverback.store.TagFilter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One page of a collection as Kong's {@code get_collection_endpoint} answers it:
 * {@code {"data":[...],"offset":"...","next":"/services?offset=..."}}, with {@code offset} absent
 * and {@code next} null on the last page. {@code size} and {@code tags} are checked with Kong's
 * messages ({@code endpoints.get_page_size}, {@code extract_options}, DAO
 * {@code validate_options_value}).
 */
final class Listing {
  private static final String TAG_BYTES = "[\\x20-\\x2B\\x2D\\x2E\\x30-\\x7E\\x{80}-\\x{10FFFF}]+";
  private static final Pattern TAGS_AND = Pattern.compile("^(" + TAG_BYTES + "(?:,|$))+$");
  private static final Pattern TAGS_OR = Pattern.compile("^(" + TAG_BYTES + "(?:/|$))+$");
  private static final Pattern LUA_NUMBER = Pattern.compile("\\s*[-+]?((\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?|0[xX][0-9a-fA-F]+)\\s*");
  private static final int MAX_TAGS = 5;
  private static final Ttl TTL = new Ttl(Clock.systemUTC());

  private Listing() {}

  /** A top-level listing: {@code next} carries {@code tags} and {@code size} on, as Kong's does. */
  static Reply top(Store store, EntitySchema schema, AdminRequest request) {
    PageRequest page = base(request);
    Optional<String> tags = request.queryArg("tags");
    if (tags.isPresent() && schema.fields().containsKey("tags")) {
      page = page.withTags(tags(tags.get()));
    }
    String carried = tags.map(t -> "&tags=" + escape(t)).orElse("")
        + request.queryArg("size").map(s -> "&size=" + s).orElse("");
    return reply(store.page(schema.name(), page), "/" + schema.adminApiName(), carried);
  }

  /** A nested listing ({@code /services/{s}/routes}); Kong ignores {@code tags} there (#6779). */
  static Reply nested(Store store, EntitySchema schema, String field, Entity parent, String prefix, AdminRequest request) {
    PageRequest page = base(request).withForeign(field, parent.id());
    return reply(store.page(schema.name(), page), prefix, "");
  }

  /** The {@code size} and {@code offset} of a listing request, checked as Kong checks them. */
  static PageRequest base(AdminRequest request) {
    PageRequest page = PageRequest.first();
    Optional<String> size = request.queryArg("size");
    if (size.isPresent()) {
      page = page.withSize(size(size.get()));
    }
    return page.withOffset(request.queryArg("offset").orElse(null));
  }

  /** Lua's {@code tonumber}, then the DAO's range check. */
  private static int size(String value) {
    if (!LUA_NUMBER.matcher(value).matches()) {
      throw StoreErrors.invalidSize("size must be a number");
    }
    double d = FormArgs.number(value).asDouble();
    if (!Json.isWhole(d) || d < 1 || d > PageRequest.MAX_SIZE) {
      throw StoreErrors.invalidSize("size must be an integer between 1 and " + PageRequest.MAX_SIZE);
    }
    return (int) d;
  }

  private static TagFilter tags(String value) {
    if (value.isEmpty()) {
      throw StoreErrors.invalidOptions("tags", "cannot be null");
    }
    boolean and = TAGS_AND.matcher(value).matches();
    if (!and && !TAGS_OR.matcher(value).matches()) {
      throw StoreErrors.invalidOptions("tags", "invalid filter syntax");
    }
    List<String> tags = List.of(value.split(and ? "," : "/"));
    if (tags.size() > MAX_TAGS) {
      throw StoreErrors.invalidOptions("tags", "cannot query more than " + MAX_TAGS + " tags");
    }
    return new TagFilter(tags, and);
  }

  private static Reply reply(Page page, String prefix, String carried) {
    ObjectNode body = Json.object();
    ArrayNode data = body.putArray("data");
    page.data().forEach(e -> data.add(TTL.render(e)));
    if (page.offset().isPresent()) {
      String offset = page.offset().get();
      body.put("offset", offset);
      body.put("next", prefix + "?offset=" + escape(offset) + carried);
    } else {
      body.putNull("next");
    }
    return Reply.ok(body);
  }

  /** {@code ngx.escape_uri}: everything but unreserved characters percent-encoded. */
  static String escape(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
  }
}
