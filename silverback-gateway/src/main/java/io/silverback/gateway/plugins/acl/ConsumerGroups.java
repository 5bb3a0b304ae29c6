package io.silverback.gateway.plugins.acl;

import io.silverback.core.config.Entity;
import io.silverback.gateway.plugin.ConfigView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The groups of every consumer that has {@code acls}, in the snapshot's order, built once per snapshot. */
final class ConsumerGroups {
  static final ConfigView<Map<String, List<String>>> VIEW = new ConfigView<>("acls by consumer", config -> {
    Map<String, List<String>> out = new HashMap<>();
    for (Entity acl : config.all("acls")) {
      String consumer = acl.foreignId("consumer");
      String group = acl.text("group");
      if (consumer != null && group != null) {
        out.computeIfAbsent(consumer, c -> new ArrayList<>()).add(group);
      }
    }
    out.replaceAll((c, groups) -> List.copyOf(groups));
    return Map.copyOf(out);
  });

  private ConsumerGroups() {}
}
