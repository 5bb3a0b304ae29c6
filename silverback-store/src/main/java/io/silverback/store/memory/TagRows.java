package io.silverback.store.memory;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Entity;
import io.silverback.core.entity.EntityRegistry;
import io.silverback.core.schema.EntitySchema;
import io.silverback.store.Page;
import io.silverback.store.PageRequest;
import io.silverback.store.TagOffsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code /tags} over one {@link Snapshot}, in the order and with the offsets of the PostgreSQL
 * store: every tag of every tagged entity by {@code (entity id, ordinality)}, or with a tag the
 * entities carrying it, resumed by entity id.
 */
final class TagRows {
  private record Row(String type, String id, String tag, long ord) {}

  private static final Comparator<Row> ORDER = Comparator.comparing(Row::id).thenComparingLong(Row::ord);

  private TagRows() {}

  static Page page(EntityRegistry registry, Snapshot snapshot, Optional<String> tag, PageRequest request) {
    Optional<TagOffsets.Position> after = request.offset().map(TagOffsets::decode);
    List<Row> rows = new ArrayList<>();
    for (EntitySchema schema : registry.ordered()) {
      if (!schema.fields().containsKey("tags") || !schema.fields().get(schema.primaryKey()).isUuid()) {
        continue;
      }
      for (Entity e : snapshot.sorted(schema.name())) {
        collect(e, tag, rows);
      }
    }
    rows.sort(ORDER);
    List<Entity> data = new ArrayList<>();
    Row last = null;
    for (Row r : rows) {
      if (after.isPresent() && !isAfter(r, after.get(), tag.isPresent())) {
        continue;
      }
      if (data.size() == request.size()) {
        return new Page(data, Optional.of(TagOffsets.encode(last.id(), last.ord())));
      }
      data.add(TagOffsets.row(r.type(), r.id(), r.tag()));
      last = r;
    }
    return new Page(data, Optional.empty());
  }

  private static void collect(Entity e, Optional<String> tag, List<Row> out) {
    JsonNode tags = e.get("tags");
    if (!tags.isArray()) {
      return;
    }
    if (tag.isPresent()) {
      for (JsonNode t : tags) {
        if (t.asText().equals(tag.get())) {
          out.add(new Row(e.type(), e.id(), tag.get(), 0));
          return;
        }
      }
      return;
    }
    for (int i = 0; i < tags.size(); i++) {
      out.add(new Row(e.type(), e.id(), tags.get(i).asText(), i + 1));
    }
  }

  private static boolean isAfter(Row r, TagOffsets.Position p, boolean byIdOnly) {
    int c = r.id().compareTo(p.entityId());
    return c > 0 || (!byIdOnly && c == 0 && r.ord() > p.ordinality());
  }
}
