package io.silverback.gateway.plugins.requesttransformer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A multipart/form-data body as the {@code lua-multipart} library Kong uses handles it: parts
 * by name, each kept with its own headers; a part set by the plugin is a simple {@code
 * Content-Disposition: form-data; name="..."} part. Written back with the same boundary.
 */
final class Multipart {
  private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

  private record Part(String name, String headers, byte[] value) {}

  private final String boundary;
  private final List<Part> parts;

  private Multipart(String boundary, List<Part> parts) {
    this.boundary = boundary;
    this.parts = parts;
  }

  /** Parses {@code body}; null when {@code contentType} has no boundary. */
  static Multipart parse(byte[] body, String contentType) {
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      return null;
    }
    String boundary = m.group(1) != null ? m.group(1) : m.group(2);
    List<Part> parts = new ArrayList<>();
    String text = new String(body, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + boundary;
    int at = text.indexOf(delimiter);
    while (at >= 0) {
      int start = at + delimiter.length();
      if (text.startsWith("--", start)) {
        break;
      }
      start = text.indexOf("\r\n", start) + 2;
      int next = text.indexOf("\r\n" + delimiter, start);
      if (start < 2 || next < 0) {
        break;
      }
      int headersEnd = text.indexOf("\r\n\r\n", start);
      if (headersEnd < 0 || headersEnd > next) {
        break;
      }
      String headers = text.substring(start, headersEnd);
      Matcher name = NAME.matcher(headers);
      byte[] value = text.substring(headersEnd + 4, next).getBytes(StandardCharsets.ISO_8859_1);
      parts.add(new Part(name.find() ? name.group(1) : "", headers, value));
      at = next + 2;
    }
    return new Multipart(boundary, parts);
  }

  boolean has(String name) {
    return parts.stream().anyMatch(p -> p.name.equals(name));
  }

  /** The value of the first part named {@code name}, or null. */
  byte[] value(String name) {
    return parts.stream().filter(p -> p.name.equals(name)).map(Part::value).findFirst().orElse(null);
  }

  void delete(String name) {
    parts.removeIf(p -> p.name.equals(name));
  }

  void setSimple(String name, byte[] value) {
    delete(name);
    parts.add(new Part(name, "Content-Disposition: form-data; name=\"" + name + "\"", value));
  }

  byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Part p : parts) {
      write(out, "--" + boundary + "\r\n" + p.headers + "\r\n\r\n");
      out.writeBytes(p.value);
      write(out, "\r\n");
    }
    write(out, "--" + boundary + "--\r\n");
    return out.toByteArray();
  }

  static boolean isMultipart(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("multipart/form-data");
  }

  private static void write(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
  }
}
