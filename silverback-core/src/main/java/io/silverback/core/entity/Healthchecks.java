package io.silverback.core.entity;

import io.silverback.core.schema.Field;
import io.silverback.core.schema.RecordSchema;
import java.util.List;

/**
 * The {@code healthchecks} record of upstreams (kong/db/schema/entities/upstreams.lua
 * {@code healthchecks_config}): active probes and passive counting, each with healthy and
 * unhealthy thresholds. Zero disables a threshold, as in Kong.
 */
final class Healthchecks {
  private static final List<Integer> ACTIVE_HEALTHY = List.of(200, 302);
  private static final List<Integer> ACTIVE_UNHEALTHY = List.of(429, 404, 500, 501, 502, 503, 504, 505);
  private static final List<Integer> PASSIVE_HEALTHY = List.of(
      200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308);
  private static final List<Integer> PASSIVE_UNHEALTHY = List.of(429, 500, 503);

  private Healthchecks() {}

  static Field.Builder field() {
    return Field.record(RecordSchema.builder()
        .field("active", Field.record(active()))
        .field("passive", Field.record(passive()))
        .field("threshold", Field.number().defaultValue(0).between(0, 100))
        .build());
  }

  private static RecordSchema active() {
    return RecordSchema.builder()
        .field("type", checkType())
        .field("timeout", seconds().defaultValue(1))
        .field("concurrency", Field.integer().between(1, Math.pow(2, 31)).defaultValue(10))
        .field("http_path", Typedefs.path().defaultValue("/"))
        .field("https_sni", Typedefs.sni())
        .field("https_verify_certificate", Field.bool().required().defaultValue(true))
        .field("headers", Typedefs.headers(Typedefs.headerName()))
        .field("healthy", Field.record(RecordSchema.builder()
            .field("interval", seconds().defaultValue(0))
            .field("http_statuses", httpStatuses(ACTIVE_HEALTHY))
            .field("successes", oneByte())
            .build()))
        .field("unhealthy", Field.record(RecordSchema.builder()
            .field("interval", seconds().defaultValue(0))
            .field("http_statuses", httpStatuses(ACTIVE_UNHEALTHY))
            .field("tcp_failures", oneByte())
            .field("timeouts", oneByte())
            .field("http_failures", oneByte())
            .build()))
        .build();
  }

  private static RecordSchema passive() {
    return RecordSchema.builder()
        .field("type", checkType())
        .field("healthy", Field.record(RecordSchema.builder()
            .field("http_statuses", httpStatuses(PASSIVE_HEALTHY))
            .field("successes", oneByte())
            .build()))
        .field("unhealthy", Field.record(RecordSchema.builder()
            .field("http_statuses", httpStatuses(PASSIVE_UNHEALTHY))
            .field("tcp_failures", oneByte())
            .field("timeouts", oneByte())
            .field("http_failures", oneByte())
            .build()))
        .build();
  }

  private static Field.Builder checkType() {
    return Field.string().oneOf("tcp", "http", "https", "grpc", "grpcs").defaultValue("http");
  }

  private static Field.Builder seconds() {
    return Field.number().between(0, 65535);
  }

  private static Field.Builder oneByte() {
    return Field.integer().between(0, 255).defaultValue(0);
  }

  private static Field.Builder httpStatuses(List<Integer> defaults) {
    return Field.array(Field.integer().between(100, 999).build()).defaultValue(defaults);
  }
}
