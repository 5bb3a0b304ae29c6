package io.silverback.store.pg;

import io.silverback.core.config.Entity;
import io.silverback.store.Offsets;
import io.silverback.store.Page;
import io.silverback.store.PageRequest;
import io.silverback.store.StoreErrors;
import io.silverback.store.TagFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One page of a table by keyset pagination: {@code WHERE pk > <last key> ORDER BY pk LIMIT n+1}.
 * Unlike Kong's OFFSET-free cursor over a sorted scan, the next page costs one index seek no
 * matter how deep, and the extra row tells whether there is a next page.
 */
final class PageQuery {
  private final Table table;
  private final PageRequest request;

  PageQuery(Table table, PageRequest request) {
    this.table = table;
    this.request = request;
  }

  Page run(Connection c) throws SQLException {
    List<String> params = new ArrayList<>();
    StringBuilder sql = new StringBuilder("SELECT \"entity\" FROM ").append(table.name())
        .append(" WHERE ").append(PostgresStore.liveCondition(table));
    if (request.offset().isPresent()) {
      sql.append(" AND ").append(table.orderKey()).append(" > CAST(? AS ").append(table.keyType()).append(')');
      String offset = request.offset().get();
      String last = Offsets.decode(offset);
      if (!PostgresStore.validKey(table, last)) {
        throw StoreErrors.invalidOffset(offset, "not an offset of '" + table.type() + "'");
      }
      params.add(last);
    }
    if (request.foreignField() != null) {
      Table.ForeignColumn fk = table.foreignColumn(request.foreignField()).orElseThrow(() ->
          StoreErrors.invalidOptions("foreign", "'" + table.type() + "' has no foreign key '" + request.foreignField() + "'"));
      sql.append(" AND ").append(Table.quote(fk.column())).append(" = CAST(? AS uuid)");
      if (!PostgresStore.isUuid(request.foreignId())) {
        return new Page(List.of(), Optional.empty());
      }
      params.add(request.foreignId());
    }
    Optional<TagFilter> tags = request.tags();
    if (tags.isPresent()) {
      sql.append(" AND \"tags\" ").append(tags.get().all() ? "@>" : "&&").append(" CAST(? AS text[])");
    }
    sql.append(" ORDER BY ").append(table.orderKey()).append(" LIMIT ").append(request.size() + 1);
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      for (String p : params) {
        ps.setString(i++, p);
      }
      if (tags.isPresent()) {
        ps.setArray(i, c.createArrayOf("text", tags.get().tags().toArray(new String[0])));
      }
      return collect(ps);
    }
  }

  private Page collect(PreparedStatement ps) throws SQLException {
    List<Entity> data = new ArrayList<>(Math.min(request.size(), 1024));
    boolean more = false;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        if (data.size() == request.size()) {
          more = true;
          break;
        }
        data.add(Rows.entity(table, rs.getString(1)));
      }
    }
    Optional<String> next = more ? Optional.of(Offsets.encode(data.get(data.size() - 1).id())) : Optional.empty();
    return new Page(data, next);
  }
}
