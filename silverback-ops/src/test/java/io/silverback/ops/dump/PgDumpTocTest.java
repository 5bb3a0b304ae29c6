package io.silverback.ops.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PgDumpTocTest {
  @Test
  void theColumnsOfACopyStatementAreUnquoted() {
    assertThat(PgDumpToc.columns("COPY public.parameters (\"key\", tags, entity) FROM stdin;\n"))
        .containsExactly("key", "tags", "entity");
    assertThat(PgDumpToc.columns("COPY \"my schema\".t (\"we\"\"ird, one\", \"Upper\") FROM stdin;"))
        .containsExactly("we\"ird, one", "Upper");
  }

  @Test
  void aFileThatIsNotATableOfContentsIsRefusedByName() {
    assertThatThrownBy(() -> PgDumpToc.read("not a toc".getBytes(StandardCharsets.US_ASCII), "dir/toc.dat"))
        .isInstanceOf(DumpException.class).hasMessage("dir/toc.dat is not a pg_dump table of contents");
  }

  @Test
  void anArchiveVersionOutsideTheReadOnesIsRefusedWithItsVersion() {
    assertThatThrownBy(() -> PgDumpToc.read(header(1, 13, 3, 0), "toc.dat")).isInstanceOf(DumpException.class)
        .hasMessage("toc.dat is pg_dump archive version 1.13; versions 1.14 to 1.16 (pg_dump 12 and later) are read");
  }

  @Test
  void aCompressedOrNonDirectoryArchiveIsRefused() {
    assertThatThrownBy(() -> PgDumpToc.read(header(1, 14, 3, 1), "toc.dat"))
        .hasMessage("toc.dat is compressed (1); Silverback's pg_dump dumps are not");
    assertThatThrownBy(() -> PgDumpToc.read(header(1, 15, 1, 0), "toc.dat"))
        .hasMessage("toc.dat is pg_dump archive format 1, not the directory format");
  }

  /** The start of a header: magic, version, 4-byte ints, 8-byte offsets, format, compression. */
  private static byte[] header(int major, int minor, int format, int compression) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("PGDMP".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(new byte[] {(byte) major, (byte) minor, 0, 4, 8, (byte) format});
    if (minor >= 15) {
      out.write(compression);
    } else {
      out.writeBytes(new byte[] {0, (byte) compression, 0, 0, 0});
    }
    return out.toByteArray();
  }
}
