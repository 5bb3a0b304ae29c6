package io.silverback.gateway.stream;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A client connection that sends lines and reads one line back per line sent; 10 s read timeout. */
public final class LineClient implements AutoCloseable {
  private final Socket socket;
  private final BufferedReader in;

  private LineClient(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(10_000);
    this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
  }

  /** A connection to {@code host:port} from {@code from} (a local address, or null for any). */
  public static LineClient connect(String host, int port, String from) {
    try {
      Socket s = new Socket();
      if (from != null) {
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      }
      s.connect(new InetSocketAddress(host, port), 5_000);
      return new LineClient(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Wraps a connected socket (a TLS one, for instance). */
  public static LineClient over(Socket socket) {
    try {
      return new LineClient(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code line} and returns the line that comes back, or null when the connection was closed. */
  public String exchange(String line) {
    try {
      socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      return in.readLine();
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
