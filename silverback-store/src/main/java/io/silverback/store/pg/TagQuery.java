package io.silverback.store.pg;

import io.silverback.core.config.Entity;
import io.silverback.store.Page;
import io.silverback.store.PageRequest;
import io.silverback.store.StoreErrors;
import io.silverback.store.TagOffsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One page of {@code /tags} over every tagged table ({@link io.silverback.store.Store#tags}):
 * the tables' {@code tags} columns unnested {@code WITH ORDINALITY} and united, ordered by
 * {@code (entity id, ordinality)}, resumed by keyset as Kong's {@code page_next}. With a tag, each
 * table is filtered by {@code tags @> ARRAY[tag]} (its GIN index) and resumed by entity id only,
 * as Kong's {@code page_for_tag_next}.
 */
final class TagQuery {
  private final List<Table> tables;
  private final Optional<String> tag;
  private final PageRequest request;

  TagQuery(Tables tables, Optional<String> tag, PageRequest request) {
    this.tables = tables.ordered().stream()
        .filter(t -> t.keyType().equals("uuid") && t.schema().fields().containsKey("tags"))
        .toList();
    this.tag = tag;
    this.request = request;
  }

  Page run(Connection c) throws SQLException {
    Optional<TagOffsets.Position> after = request.offset().map(TagOffsets::decode);
    if (after.isPresent() && !PostgresStore.isUuid(after.get().entityId())) {
      throw StoreErrors.invalidOffset(request.offset().get(), "bad offset string");
    }
    List<Object> params = new ArrayList<>();
    StringBuilder union = new StringBuilder();
    for (Table t : tables) {
      if (union.length() > 0) {
        union.append(" UNION ALL ");
      }
      union.append("SELECT ").append(Table.quote(t.primaryKey())).append(" AS entity_id, ")
          .append("CAST(? AS text) AS entity_name, ");
      params.add(t.type());
      if (tag.isPresent()) {
        union.append("CAST(? AS text) AS tag, CAST(0 AS bigint) AS ord FROM ").append(t.name())
            .append(" WHERE \"tags\" @> CAST(? AS text[])");
        params.add(tag.get());
        params.add(new String[] {tag.get()});
      } else {
        union.append("u.tag, u.ord FROM ").append(t.name())
            .append(", unnest(\"tags\") WITH ORDINALITY AS u(tag, ord) WHERE TRUE");
      }
      union.append(" AND ").append(PostgresStore.liveCondition(t));
    }
    if (tables.isEmpty()) {
      return new Page(List.of(), Optional.empty());
    }
    StringBuilder sql = new StringBuilder("SELECT entity_id, entity_name, tag, ord FROM (")
        .append(union).append(") AS x");
    if (after.isPresent()) {
      String id = after.get().entityId();
      if (tag.isPresent()) {
        sql.append(" WHERE entity_id > CAST(? AS uuid)");
        params.add(id);
      } else {
        sql.append(" WHERE entity_id > CAST(? AS uuid) OR (entity_id = CAST(? AS uuid) AND ord > ?)");
        params.add(id);
        params.add(id);
        params.add(after.get().ordinality());
      }
    }
    sql.append(" ORDER BY entity_id, ord LIMIT ").append(request.size() + 1);
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      for (Object p : params) {
        if (p instanceof String[] array) {
          ps.setArray(i++, c.createArrayOf("text", array));
        } else if (p instanceof Long n) {
          ps.setLong(i++, n);
        } else {
          ps.setString(i++, (String) p);
        }
      }
      return collect(ps);
    }
  }

  private Page collect(PreparedStatement ps) throws SQLException {
    List<Entity> data = new ArrayList<>();
    long lastOrd = 0;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        if (data.size() == request.size()) {
          String lastId = data.get(data.size() - 1).id();
          return new Page(data, Optional.of(TagOffsets.encode(lastId, lastOrd)));
        }
        data.add(TagOffsets.row(rs.getString(2), rs.getString(1), rs.getString(3)));
        lastOrd = rs.getLong(4);
      }
    }
    return new Page(data, Optional.empty());
  }
}
