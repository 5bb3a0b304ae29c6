package io.silverback.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.silverback.core.schema.Json;
import java.util.Arrays;
import java.util.List;

/** One JSON line of benchmark output, and the arithmetic the lines need. */
final class Report {
  private final ObjectNode line = Json.object();

  private Report(String mode) {
    line.put("mode", mode);
  }

  static Report of(String mode) {
    return new Report(mode);
  }

  Report put(String key, String value) {
    line.put(key, value);
    return this;
  }

  Report put(String key, long value) {
    line.put(key, value);
    return this;
  }

  Report put(String key, boolean value) {
    line.put(key, value);
    return this;
  }

  /** Seconds or ratios, rounded to milliseconds / three decimals. */
  Report put(String key, double value) {
    line.put(key, Math.round(value * 1000) / 1000.0);
    return this;
  }

  void print() {
    System.out.println(line);
    System.out.flush();
  }

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
