package io.silverback.gateway.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** {@code size} zero bytes, counting how many were read. */
final class Zeros extends InputStream {
  private final long size;
  private final AtomicLong produced;

  Zeros(long size, AtomicLong produced) {
    this.size = size;
    this.produced = produced;
  }

  @Override
  public int read() {
    if (produced.get() >= size) {
      return -1;
    }
    produced.incrementAndGet();
    return 0;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    long left = size - produced.get();
    if (left <= 0) {
      return -1;
    }
    int n = (int) Math.min(len, left);
    Arrays.fill(b, off, off + n, (byte) 0);
    produced.addAndGet(n);
    return n;
  }
}
