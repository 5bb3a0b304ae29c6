package io.silverback.ops.dump;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table data entries of a pg_dump directory archive's {@code toc.dat}: which {@code <id>.dat}
 * file holds which table's rows, and the COPY column list they are in. With it a load streams
 * each data file straight into COPY, as pg_restore itself does with it, instead of running
 * pg_restore to print them (one process per table, every row parsed twice) and needing it on PATH.
 *
 * <p>The format is pg_dump's archive header and table of contents ({@code pg_backup_archiver.c},
 * {@code WriteHead}/{@code WriteToc}, and {@code pg_backup_directory.c} {@code WriteExtraToc}):
 * integers as a sign byte and {@code intSize} little-endian bytes, strings as a length (-1 for
 * none) and their bytes. Versions 1.14 to 1.16 are read (pg_dump 12 and later); Silverback's dumps
 * are uncompressed ({@code -Z 0}), so a compressed archive is refused.
 */
final class PgDumpToc {
  private static final int MIN_VERSION = 14;
  private static final int MAX_VERSION = 16;
  private static final int DIRECTORY_FORMAT = 3;
  private final ByteBuffer in;
  private final String where;
  private int intSize;

  /**
   * One table's rows.
   *
   * @param file the data file, relative to the archive (e.g. {@code 3548.dat})
   * @param columns the columns of the rows, in order, unquoted
   */
  record TableData(String file, List<String> columns) {}

  private PgDumpToc(byte[] toc, String where) {
    this.in = ByteBuffer.wrap(toc);
    this.where = where;
  }

  /**
   * The data entries of {@code toc}, by table name.
   *
   * @param where names the file in messages
   * @throws DumpException when it is not a pg_dump directory archive of a version read here, or is compressed
   */
  static Map<String, TableData> read(byte[] toc, String where) {
    try {
      return new PgDumpToc(toc, where).entries();
    } catch (RuntimeException e) {
      throw e instanceof DumpException d ? d
          : new DumpException(where + " is not a readable pg_dump table of contents: " + e, e);
    }
  }

  private Map<String, TableData> entries() {
    int version = header();
    Map<String, TableData> out = new LinkedHashMap<>();
    int count = readInt();
    for (int i = 0; i < count; i++) {
      int dumpId = readInt();
      readInt(); // had a data dumper
      readString(); // table oid
      readString(); // oid
      String tag = readString();
      String desc = readString();
      readInt(); // section
      readString(); // definition
      readString(); // drop statement
      String copy = readString();
      readString(); // namespace
      readString(); // tablespace
      readString(); // table access method
      if (version >= 16) {
        readInt(); // relkind
      }
      readString(); // owner
      readString(); // "false": the retired WITH OIDS flag
      while (readString() != null) {
        // dependencies, up to a null
      }
      String file = readString();
      if ("TABLE DATA".equals(desc)) {
        if (copy == null || file == null || file.isEmpty()) {
          throw new DumpException(where + ": the data of table " + tag + " (entry " + dumpId + ") has no COPY or file");
        }
        out.put(tag, new TableData(file, columns(copy)));
      }
    }
    return out;
  }

  /** Checks the header and returns the minor version. */
  private int header() {
    byte[] magic = new byte[5];
    in.get(magic);
    if (!"PGDMP".equals(new String(magic, StandardCharsets.US_ASCII))) {
      throw new DumpException(where + " is not a pg_dump table of contents");
    }
    int major = in.get();
    int minor = in.get();
    in.get();
    if (major != 1 || minor < MIN_VERSION || minor > MAX_VERSION) {
      throw new DumpException(where + " is pg_dump archive version " + major + "." + minor + "; versions 1."
          + MIN_VERSION + " to 1." + MAX_VERSION + " (pg_dump 12 and later) are read");
    }
    intSize = in.get();
    in.get(); // offset size
    int format = in.get();
    if (format != DIRECTORY_FORMAT) {
      throw new DumpException(where + " is pg_dump archive format " + format + ", not the directory format");
    }
    int compression = minor >= 15 ? in.get() : readInt();
    if (compression != 0) {
      throw new DumpException(where + " is compressed (" + compression + "); Silverback's pg_dump dumps are not");
    }
    for (int i = 0; i < 7; i++) {
      readInt(); // creation time
    }
    readString(); // database
    readString(); // server version
    readString(); // pg_dump version
    return minor;
  }

  private int readInt() {
    boolean negative = in.get() != 0;
    int value = 0;
    for (int i = 0; i < intSize; i++) {
      value |= (in.get() & 0xff) << (8 * i);
    }
    return negative ? -value : value;
  }

  private String readString() {
    int length = readInt();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The columns of {@code COPY <table> (<columns>) FROM stdin;}, unquoted. */
  static List<String> columns(String copy) {
    int open = copy.indexOf(" (");
    int close = copy.lastIndexOf(") FROM stdin;");
    if (open < 0 || close < open) {
      throw new DumpException("not a COPY statement of pg_dump: " + copy.strip());
    }
    List<String> out = new ArrayList<>();
    String list = copy.substring(open + 2, close);
    StringBuilder name = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (c == '"' && quoted && i + 1 < list.length() && list.charAt(i + 1) == '"') {
        name.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        out.add(name.toString());
        name.setLength(0);
      } else if (c != ' ' || quoted) {
        name.append(c);
      }
    }
    out.add(name.toString());
    return out;
  }
}
