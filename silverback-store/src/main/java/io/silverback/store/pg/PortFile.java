package io.silverback.store.pg;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The port of the embedded server, remembered in {@code <prefix>/pgdata.port} so that every
 * process of one prefix agrees on it. A remembered port that something else took is replaced by a
 * free one.
 */
final class PortFile {
  static final String FILE_NAME = "pgdata.port";

  private PortFile() {}

  /** The remembered port when it is free, else a new free port, which is then remembered. */
  static int choose(Path prefix) throws IOException {
    Path file = prefix.resolve(FILE_NAME);
    OptionalInt remembered = read(file);
    if (remembered.isPresent() && isFree(remembered.getAsInt())) {
      return remembered.getAsInt();
    }
    int port = freePort();
    Files.writeString(file, port + "\n", StandardCharsets.US_ASCII);
    return port;
  }

  private static OptionalInt read(Path file) {
    try {
      return OptionalInt.of(Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII).trim()));
    } catch (IOException | NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // PostgreSQL binds with SO_REUSEADDR too, so a port in TIME_WAIT counts as free.
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(EmbeddedDatabase.HOST, port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(EmbeddedDatabase.HOST))) {
      return socket.getLocalPort();
    }
  }
}
