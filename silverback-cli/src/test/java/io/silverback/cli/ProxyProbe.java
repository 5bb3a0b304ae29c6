package io.silverback.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Locale;

/**
 * One request to a proxy and its answer in one line: {@code "<status> <upstream> <target it saw>"}
 * when a {@link NamedUpstream} answered (its fixed-length body), else {@code "<status> gateway"}.
 * Written on a plain socket because the JDK's HTTP client will not send a {@code Host} header of
 * our choosing.
 *
 * @param header one extra {@code "Name: value"} header line, or empty
 */
record ProxyProbe(String method, String target, String host, String header) {
  private static final String STATUS_LINE_START = "HTTP/1.1 ";

  /** The answer of the proxy on {@code port} on 127.0.0.1. */
  String send(int port) {
    String request = method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n"
        + (header.isEmpty() ? "" : header + "\r\n") + "Content-Length: 0\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), UTF_8);
      int split = response.indexOf("\r\n\r\n");
      String head = response.substring(0, split).toLowerCase(Locale.ROOT);
      String body = response.substring(split + 4);
      String status = response.substring(STATUS_LINE_START.length(), STATUS_LINE_START.length() + 3);
      if (!head.contains("\r\n" + NamedUpstream.HEADER.toLowerCase(Locale.ROOT) + ":")) {
        return status + " gateway";
      }
      return status + " " + body;
    } catch (IOException e) {
      throw new UncheckedIOException(this + " to the proxy on port " + port, e);
    }
  }

  @Override
  public String toString() {
    return method + " " + host + target + (header.isEmpty() ? "" : " [" + header + "]");
  }
}
