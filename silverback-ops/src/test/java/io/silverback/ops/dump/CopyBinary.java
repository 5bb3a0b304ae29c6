package io.silverback.ops.dump;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * COPY's binary format read and written back, for tests that look into or damage a builtin dump:
 * a row is its fields' bytes (null for SQL NULL).
 */
final class CopyBinary {
  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

  private CopyBinary() {}

  /** The rows of a binary COPY file. */
  static List<List<byte[]>> rows(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      byte[] signature = in.readNBytes(SIGNATURE.length);
      if (!Arrays.equals(signature, SIGNATURE)) {
        throw new IOException(file + " is not binary COPY");
      }
      in.readInt();
      in.skipNBytes(in.readInt());
      List<List<byte[]>> rows = new ArrayList<>();
      for (int fields = in.readShort(); fields != -1; fields = in.readShort()) {
        List<byte[]> row = new ArrayList<>();
        for (int i = 0; i < fields; i++) {
          int length = in.readInt();
          row.add(length < 0 ? null : in.readNBytes(length));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** Writes {@code rows} as a binary COPY file. */
  static void write(Path file, List<List<byte[]>> rows) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(SIGNATURE);
    out.writeInt(0);
    out.writeInt(0);
    for (List<byte[]> row : rows) {
      out.writeShort(row.size());
      for (byte[] field : row) {
        out.writeInt(field == null ? -1 : field.length);
        if (field != null) {
          out.write(field);
        }
      }
    }
    out.writeShort(-1);
    Files.write(file, bytes.toByteArray());
  }

  /** The row with {@code edit} applied to each field that is UTF-8 text (uuids and nulls are left alone). */
  static List<byte[]> editText(List<byte[]> row, UnaryOperator<String> edit) {
    List<byte[]> out = new ArrayList<>();
    for (byte[] field : row) {
      String text = text(field);
      String edited = text == null ? null : edit.apply(text);
      out.add(edited == null || edited.equals(text) ? field : edited.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Whether a text field of {@code row} contains {@code s}. */
  static boolean mentions(List<byte[]> row, String s) {
    return row.stream().map(CopyBinary::text).anyMatch(t -> t != null && t.contains(s));
  }

  /** Whether a field of {@code row} is the uuid {@code id}. */
  static boolean holdsUuid(List<byte[]> row, String id) {
    UUID u = UUID.fromString(id);
    byte[] b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    return row.stream().anyMatch(f -> Arrays.equals(f, b));
  }

  private static String text(byte[] field) {
    if (field == null) {
      return null;
    }
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(field));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
