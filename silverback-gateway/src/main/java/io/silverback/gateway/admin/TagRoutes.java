package io.silverback.gateway.admin;

import static io.vertx.core.http.HttpMethod.GET;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import io.silverback.store.KongError;
import io.silverback.store.Page;
import io.silverback.store.PageRequest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kong's {@code GET /tags} and {@code GET /tags/{tags}} ({@code kong/api/routes/tags.lua}): pages
 * of {@code {"entity_name", "entity_id", "tag"}} rows with {@code offset} and {@code next} as
 * every listing, ordered by entity id. A tag that Kong's {@code typedefs.tag} refuses is
 * {@code invalid unique tag} (400), as the tags DAO's {@code page_by_tag} answers.
 */
final class TagRoutes {
  /** Printable ASCII but {@code ,} and {@code /}, and any non-ASCII character. */
  private static final Pattern TAG = Pattern.compile("[\\x20-\\x2B\\x2D\\x2E\\x30-\\x7E\\x{80}-\\x{10FFFF}]+");

  private TagRoutes() {}

  static void register(AdminRoutes routes, AdminContext context) {
    routes.add("/tags", GET, r -> list(context, Optional.empty(), r));
    routes.add("/tags/{tags}", GET, r -> list(context, Optional.of(valid(r.param("tags"))), r));
  }

  private static Reply list(AdminContext context, Optional<String> tag, AdminRequest request) {
    PageRequest page = Listing.base(request);
    Page result = context.store().tags(tag, page);
    ObjectNode body = Json.object();
    ArrayNode data = body.putArray("data");
    result.data().forEach(e -> data.add(e.fields()));
    String prefix = tag.map(t -> "/tags/" + t).orElse("/tags");
    if (result.offset().isPresent()) {
      String offset = result.offset().get();
      body.put("offset", offset);
      body.put("next", prefix + "?offset=" + Listing.escape(offset));
    } else {
      body.putNull("next");
    }
    return Reply.ok(body);
  }

  /** Kong's {@code validate_tag} message under the DAO's {@code invalid_unique('tag', err)}. */
  static String valid(String tag) {
    if (!TAG.matcher(tag).matches()) {
      ObjectNode body = Json.object()
          .put("code", KongError.INVALID_UNIQUE.code())
          .put("name", "invalid unique tag")
          .put("message", "invalid tag '" + tag
              + "': expected printable ascii (except `,` and `/`) or valid utf-8 sequences");
      throw new AdminException(new Reply(400, body));
    }
    return tag;
  }
}
