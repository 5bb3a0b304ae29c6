package io.silverback.core.entity;

import io.silverback.core.schema.EntitySchema;
import io.silverback.core.schema.Field;
import io.silverback.core.typedef.Hosts;
import java.util.Optional;

/**
 * The {@code targets} entity (kong/db/schema/entities/targets.lua). Timestamps are numbers with
 * millisecond precision; a target without a port is stored with Kong's default port 8000.
 */
public final class Targets {
  /** The port Kong gives a target written without one (kong/db/dao/targets.lua). */
  public static final int DEFAULT_PORT = 8000;

  private Targets() {}

  /** The schema. */
  public static EntitySchema schema() {
    return EntitySchema.entity("targets")
        .endpointKey("target")
        .cacheKey("upstream", "target")
        .field("id", Typedefs.uuid())
        .field("created_at", Typedefs.timestampMillis())
        .field("updated_at", Typedefs.timestampMillis())
        .field("upstream", Field.foreign("upstreams").required().onDeleteCascade())
        .field("target", Field.string().required().custom(Targets::validateTarget))
        .field("weight", Field.integer().defaultValue(100).between(0, 65535))
        .field("tags", Typedefs.tags())
        .transformation(t -> {
          if (t.path("target").isTextual()) {
            t.put("target", Hosts.withDefaultPort(t.get("target").textValue(), DEFAULT_PORT));
          }
        })
        .build();
  }

  private static Optional<String> validateTarget(String target) {
    if (Hosts.isValidHostOrIp(target)) {
      return Optional.empty();
    }
    return Optional.of("Invalid target ('" + target + "'); not a valid hostname or ip address");
  }
}
