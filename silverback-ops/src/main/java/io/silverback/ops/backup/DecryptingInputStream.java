package io.silverback.ops.backup;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * Reads {@link ChunkedGcm}'s format back, one authenticated chunk at a time; a chunk is the last
 * one exactly when the stream ends after it.
 */
final class DecryptingInputStream extends InputStream {
  private final PushbackInputStream in;
  private final String path;
  private final ChunkedGcm gcm;
  private final byte[] sealed;
  private final byte[] plain;
  private int pos;
  private int limit;
  private long counter;
  private boolean ended;

  DecryptingInputStream(InputStream in, BundleKey key, String path, int chunkSize) throws IOException {
    this.in = new PushbackInputStream(in, 1);
    this.path = path;
    byte[] header = this.in.readNBytes(ChunkedGcm.MAGIC.length + ChunkedGcm.SALT);
    if (header.length < ChunkedGcm.MAGIC.length + ChunkedGcm.SALT
        || !Arrays.equals(header, 0, ChunkedGcm.MAGIC.length, ChunkedGcm.MAGIC, 0, ChunkedGcm.MAGIC.length)) {
      throw new EncryptedFileException(path + " is not an encrypted bundle file (bad header)");
    }
    byte[] salt = Arrays.copyOfRange(header, ChunkedGcm.MAGIC.length, header.length);
    this.gcm = new ChunkedGcm(key.fileKey(salt, path), path);
    this.sealed = new byte[chunkSize + ChunkedGcm.TAG];
    this.plain = new byte[chunkSize];
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pos == limit) {
      if (ended) {
        return -1;
      }
      next();
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(plain, pos, b, off, n);
    pos += n;
    return n;
  }

  private void next() throws IOException {
    int n = in.readNBytes(sealed, 0, sealed.length);
    if (n < ChunkedGcm.TAG) {
      throw new EncryptedFileException(path + " is truncated: it ends inside chunk " + counter);
    }
    int ahead = in.read();
    boolean last = ahead == -1;
    if (!last) {
      in.unread(ahead);
    }
    try {
      limit = gcm.open(counter, last, sealed, n, plain);
    } catch (AEADBadTagException e) {
      throw new EncryptedFileException(path + " fails authentication at chunk " + counter
          + (last ? " (the file is truncated, or was changed)" : " (the file was changed)"));
    }
    counter++;
    pos = 0;
    ended = last;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** An encrypted file is damaged, truncated or was changed. */
  static final class EncryptedFileException extends EOFException {
    private static final long serialVersionUID = 1L;

    EncryptedFileException(String message) {
      super(message);
    }
  }
}
