package io.silverback.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.declarative.ParseResult;
import io.silverback.core.entity.EntityRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The foundation issue's parse benchmark: parse + validate + flatten of a declarative file,
 * against plain Jackson parsing of the same file, in the same JVM settings.
 *
 * <pre>
 *   generate FILE [SCALE]       write the synthetic config (SCALE 10 = 100k entities)
 *   run MODE FILE ROUNDS        MODE full | jackson; prints one JSON line with the times and peak heap
 * </pre>
 *
 * Each run is a fresh JVM (see bench/parse.sh), so peak heap is that mode's alone and the JIT
 * state of one mode does not help the other.
 */
public final class ParseBenchmark {
  private ParseBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("generate")) {
      int scale = args.length > 2 ? Integer.parseInt(args[2]) : 10;
      ConfigGenerator.write(Path.of(args[1]), scale);
      return;
    }
    if (args.length == 4 && args[0].equals("run")) {
      run(args[1], Path.of(args[2]), Integer.parseInt(args[3]));
      return;
    }
    System.err.println("usage: ParseBenchmark generate FILE [SCALE] | run full|jackson FILE ROUNDS");
    System.exit(2);
  }

  private static void run(String mode, Path file, int rounds) throws Exception {
    boolean yaml = file.toString().endsWith(".yaml");
    ObjectMapper plain = yaml ? new YAMLMapper(YAMLFactory.builder()
        .loaderOptions(largeDocuments()).build()) : new ObjectMapper();
    DeclarativeConfigParser parser = DeclarativeConfigParser.of(EntityRegistry.standard());
    long[] millis = new long[rounds];
    int entities = 0;
    Object held = null;
    for (int i = 0; i < rounds; i++) {
      System.gc();
      long t0 = System.nanoTime();
      if (mode.equals("full")) {
        held = null;
        ParseResult r = parser.parseFile(file);
        entities = r.orThrow().config().size();
        held = r;
      } else {
        held = null;
        JsonNode tree = plain.readTree(file.toFile());
        entities = tree.size();
        held = tree;
      }
      millis[i] = (System.nanoTime() - t0) / 1_000_000;
    }
    System.gc();
    System.gc();
    long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long[] sorted = millis.clone();
    Arrays.sort(sorted);
    System.out.printf("{\"mode\":\"%s\",\"file\":\"%s\",\"entities\":%d,\"rounds_ms\":%s,\"median_ms\":%d,"
        + "\"best_ms\":%d,\"retained_heap_mb\":%d,\"peak_heap_used_mb\":%d,\"max_heap_mb\":%d}%n",
        mode, file.getFileName(), entities, Arrays.toString(millis), sorted[rounds / 2], sorted[0],
        retained >> 20, peakHeap() >> 20, Runtime.getRuntime().maxMemory() >> 20);
    if (held == null) {
      throw new IllegalStateException("nothing parsed");
    }
  }

  private static org.yaml.snakeyaml.LoaderOptions largeDocuments() {
    org.yaml.snakeyaml.LoaderOptions o = new org.yaml.snakeyaml.LoaderOptions();
    o.setCodePointLimit(Integer.MAX_VALUE);
    return o;
  }

  /** The sum of the heap pools' peaks since the JVM started. */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
