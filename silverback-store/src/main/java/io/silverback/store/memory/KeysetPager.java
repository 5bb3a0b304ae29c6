package io.silverback.store.memory;

import io.silverback.core.config.Entity;
import io.silverback.store.Offsets;
import io.silverback.store.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Cuts one page out of a list sorted by primary key, as PostgreSQL's keyset query
 * {@code WHERE pk > last AND <filter> ORDER BY pk LIMIT size + 1} would: the page starts strictly
 * after the offset's key, and carries an offset only when another matching entity follows.
 */
final class KeysetPager {
  private KeysetPager() {}

  static Page page(List<Entity> sorted, Optional<String> afterKey, int size, Predicate<Entity> keep) {
    List<Entity> data = new ArrayList<>(Math.min(size, sorted.size()));
    int from = afterKey.map(k -> firstAfter(sorted, k)).orElse(0);
    for (int i = from; i < sorted.size(); i++) {
      Entity e = sorted.get(i);
      if (!keep.test(e)) {
        continue;
      }
      if (data.size() == size) {
        return new Page(data, Optional.of(Offsets.encode(data.get(size - 1).id())));
      }
      data.add(e);
    }
    return new Page(data, Optional.empty());
  }

  /** The index of the first entity whose key sorts after {@code key}. */
  private static int firstAfter(List<Entity> sorted, String key) {
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted.get(mid).id().compareTo(key) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
