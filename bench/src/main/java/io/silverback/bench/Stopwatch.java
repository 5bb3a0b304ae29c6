package io.silverback.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Wall time since a start, and the part of it the JVM spent collecting garbage: on this 2-core
 * machine a collection of a 100k-entity heap takes from 0.1 s to 2 s and explains much of the
 * spread between rounds, so every line reports it.
 */
final class Stopwatch {
  private final long startNanos = System.nanoTime();
  private final long startGcMillis = gcMillis();

  static Stopwatch start() {
    return new Stopwatch();
  }

  double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  double gcSeconds() {
    return (gcMillis() - startGcMillis) / 1000.0;
  }

  private static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }
}
