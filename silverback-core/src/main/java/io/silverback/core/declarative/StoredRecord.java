package io.silverback.core.declarative;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An entity's JSON object as the store keeps it, indexed instead of parsed: each top-level field
 * is the span of its value's bytes, found by one pass of the tokenizer, and nothing is built for
 * the values. {@link DeclarativeStream} writes such a record by copying those bytes, which makes a
 * backup's declarative export read and write each row once instead of building a tree of it and
 * serializing the tree back (the stored JSON is Jackson's compact form, so the bytes are the same).
 */
public final class StoredRecord {
  private static final JsonFactory JSON = new JsonFactory();
  private final byte[] bytes;
  private final Map<String, int[]> spans;

  private StoredRecord(byte[] bytes, Map<String, int[]> spans) {
    this.bytes = bytes;
    this.spans = spans;
  }

  /**
   * Indexes the JSON object in {@code bytes[offset, offset + length)}; the array is kept, not copied.
   *
   * @throws IOException when the bytes are not one JSON object
   */
  public static StoredRecord of(byte[] bytes, int offset, int length) throws IOException {
    Map<String, int[]> spans = new HashMap<>();
    try (JsonParser p = JSON.createParser(bytes, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("a stored entity is a JSON object, not " + p.currentToken());
      }
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        int start = (int) p.currentTokenLocation().getByteOffset();
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          p.skipChildren();
        } else if (value == JsonToken.VALUE_STRING) {
          p.finishToken(); // a string is read lazily: its closing quote is not reached until asked for
        }
        int end = (int) p.currentLocation().getByteOffset();
        spans.put(name, new int[] {offset + start, offset + end, value.id()});
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new IOException("a stored entity is one JSON object");
      }
    }
    return new StoredRecord(bytes, spans);
  }

  /** Whether the record has {@code field} with a value other than null. */
  boolean has(String field) {
    int[] span = spans.get(field);
    return span != null && span[2] != JsonToken.VALUE_NULL.id();
  }

  /** Whether {@code field}'s value is a JSON object. */
  boolean isObject(String field) {
    int[] span = spans.get(field);
    return span != null && span[2] == JsonToken.START_OBJECT.id();
  }

  /**
   * The text of the only member of {@code field}'s object value (a foreign key as stored, {@code
   * {"id": "..."}}; empty for an object or array, as Jackson's {@code asText}), or null when it has
   * no member or more than one.
   */
  String onlyMemberText(String field) throws IOException {
    int[] span = spans.get(field);
    try (JsonParser p = JSON.createParser(bytes, span[0], span[1] - span[0])) {
      p.nextToken();
      if (p.nextToken() != JsonToken.FIELD_NAME) {
        return null;
      }
      JsonToken value = p.nextToken();
      String text = value.isStructStart() ? "" : p.getText();
      if (value.isStructStart()) {
        p.skipChildren();
      }
      return p.nextToken() == JsonToken.END_OBJECT ? text : null;
    }
  }

  /** {@code field}'s value as it is stored, to be written without parsing. */
  SerializableString raw(String field) {
    int[] span = spans.get(field);
    return new Raw(bytes, span[0], span[1] - span[0]);
  }

  /** A span of JSON bytes that a generator copies as they are ({@code writeRawValue}). */
  private record Raw(byte[] bytes, int offset, int length) implements SerializableString {
    @Override
    public String getValue() {
      return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
      return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
      throw new UnsupportedOperationException("a raw JSON value is written unquoted");
    }

    @Override
    public byte[] asUnquotedUTF8() {
      byte[] copy = new byte[length];
      System.arraycopy(bytes, offset, copy, 0, length);
      return copy;
    }

    @Override
    public byte[] asQuotedUTF8() {
      throw new UnsupportedOperationException("a raw JSON value is written unquoted");
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
      throw new UnsupportedOperationException("a raw JSON value is written unquoted");
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
      throw new UnsupportedOperationException("a raw JSON value is written unquoted");
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int at) {
      if (at + length > buffer.length) {
        return -1;
      }
      System.arraycopy(bytes, offset, buffer, at, length);
      return length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int at) {
      String s = getValue();
      if (at + s.length() > buffer.length) {
        return -1;
      }
      s.getChars(0, s.length(), buffer, at);
      return s.length();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) {
      throw new UnsupportedOperationException("a raw JSON value is written unquoted");
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
      out.write(bytes, offset, length);
      return length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
      throw new UnsupportedOperationException("a raw JSON value is written unquoted");
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
      if (length > buffer.remaining()) {
        return -1;
      }
      buffer.put(bytes, offset, length);
      return length;
    }
  }
}
