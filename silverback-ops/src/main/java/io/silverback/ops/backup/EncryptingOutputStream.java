package io.silverback.ops.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;

/** Writes {@link ChunkedGcm}'s format: the header, then a chunk each time a full one is followed by more. */
final class EncryptingOutputStream extends OutputStream {
  private final OutputStream out;
  private final ChunkedGcm gcm;
  private final byte[] plain;
  private final byte[] sealed;
  private int filled;
  private long counter;
  private boolean closed;

  EncryptingOutputStream(OutputStream out, BundleKey key, String path, int chunkSize) throws IOException {
    byte[] salt = new byte[ChunkedGcm.SALT];
    new SecureRandom().nextBytes(salt);
    this.out = out;
    this.gcm = new ChunkedGcm(key.fileKey(salt, path), path);
    this.plain = new byte[chunkSize];
    this.sealed = new byte[chunkSize + ChunkedGcm.TAG];
    out.write(ChunkedGcm.MAGIC);
    out.write(salt);
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (filled == plain.length) {
        emit(false);
      }
      int n = Math.min(len, plain.length - filled);
      System.arraycopy(b, off, plain, filled, n);
      filled += n;
      off += n;
      len -= n;
    }
  }

  private void emit(boolean last) throws IOException {
    int n = gcm.seal(counter++, last, plain, filled, sealed);
    out.write(sealed, 0, n);
    filled = 0;
  }

  /** Seals the last chunk (empty when the data ended on a chunk boundary) and closes the stream below. */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      emit(true);
      out.close();
    }
  }
}
