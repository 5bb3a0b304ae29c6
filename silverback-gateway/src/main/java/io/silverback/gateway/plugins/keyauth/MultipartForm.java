package io.silverback.gateway.plugins.keyauth;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body as Kong's multipart parser gives it to key-auth: each part's
 * {@code name} and content. Removing a field keeps the other parts byte for byte. The body is
 * handled as ISO-8859-1 text so that any bytes survive; values are read as UTF-8.
 */
final class MultipartForm implements BodyArgs {
  private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME = Pattern.compile("(?:^|;)\\s*name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

  /** One part: its field name, its content, and its raw text (headers and content). */
  private record Part(String name, String value, String raw) {}

  private final String delimiter;
  private final List<Part> parts;

  private MultipartForm(String delimiter, List<Part> parts) {
    this.delimiter = delimiter;
    this.parts = parts;
  }

  /** The form in {@code body}, or null when the boundary is missing or the body is not multipart. */
  static MultipartForm parse(String contentType, Buffer body) {
    Matcher b = BOUNDARY.matcher(contentType);
    if (!b.find()) {
      return null;
    }
    String delimiter = "--" + (b.group(1) != null ? b.group(1) : b.group(2));
    String text = body.toString(StandardCharsets.ISO_8859_1);
    int at = text.startsWith(delimiter) ? 0 : text.indexOf("\r\n" + delimiter);
    if (at < 0) {
      return null;
    }
    List<Part> parts = new ArrayList<>();
    int start = text.indexOf("\r\n", text.indexOf(delimiter, at)) + 2;
    while (start > 1) {
      int end = text.indexOf("\r\n" + delimiter, start);
      if (end < 0) {
        break;
      }
      parts.add(part(text.substring(start, end)));
      int next = end + 2 + delimiter.length();
      start = text.startsWith("--", next) ? -1 : text.indexOf("\r\n", next) + 2;
    }
    return new MultipartForm(delimiter, List.copyOf(parts));
  }

  private static Part part(String raw) {
    int split = raw.indexOf("\r\n\r\n");
    String headers = split < 0 ? raw : raw.substring(0, split);
    String content = split < 0 ? "" : raw.substring(split + 4);
    String name = null;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
        Matcher m = NAME.matcher(line.substring(line.indexOf(':') + 1));
        name = m.find() ? m.group(1) : null;
      }
    }
    String value = new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    return new Part(name, value, raw);
  }

  @Override
  public Object value(String name) {
    List<String> values = new ArrayList<>();
    for (Part p : parts) {
      if (name.equals(p.name())) {
        values.add(p.value());
      }
    }
    return KeyLookup.of(values);
  }

  @Override
  public Buffer without(String name) {
    StringBuilder out = new StringBuilder();
    for (Part p : parts) {
      if (!name.equals(p.name())) {
        out.append(delimiter).append("\r\n").append(p.raw()).append("\r\n");
      }
    }
    out.append(delimiter).append("--\r\n");
    return Buffer.buffer(out.toString().getBytes(StandardCharsets.ISO_8859_1));
  }
}
