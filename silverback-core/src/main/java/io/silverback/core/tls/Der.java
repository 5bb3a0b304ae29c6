package io.silverback.core.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal DER reader and writer, just enough for the key containers OpenSSL users paste into Kong
 * entities.
 *
 * <p>Design: the JDK parses PKCS#8 private keys, X.509 SubjectPublicKeyInfo and certificates, but
 * not the "traditional" OpenSSL encodings (PKCS#1 {@code RSA PRIVATE KEY}/{@code RSA PUBLIC KEY},
 * SEC1 {@code EC PRIVATE KEY}) that Kong accepts through OpenSSL. Rather than pull in an ASN.1
 * library (BouncyCastle is off limits for silverback-core) or reach into {@code sun.security.util},
 * we read just enough structure to find an AlgorithmIdentifier or the curve parameters and then
 * wrap the traditional bytes, unchanged, into the PKCS#8 / SubjectPublicKeyInfo envelope the JDK
 * understands. Only what DER allows is read: single-byte tags (every tag in these structures) and
 * definite lengths; anything else is reported as malformed, as OpenSSL's {@code d2i} functions
 * would.
 */
final class Der {
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;

  private Der() {}

  /** One decoded TLV: its tag and the bounds of its content inside {@code source}. */
  record Tlv(int tag, byte[] source, int start, int contentStart, int end) {

    byte[] content() {
      return Arrays.copyOfRange(source, contentStart, end);
    }

    byte[] encoded() {
      return Arrays.copyOfRange(source, start, end);
    }

    /** The TLVs that make up this (constructed) value's content. */
    List<Tlv> children() {
      var children = new ArrayList<Tlv>();
      var offset = contentStart;
      while (offset < end) {
        var child = readAt(source, offset, end);
        children.add(child);
        offset = child.end();
      }
      return children;
    }

    Tlv child(int index) {
      var children = children();
      if (index >= children.size()) {
        throw malformed("expected at least " + (index + 1) + " elements, found " + children.size());
      }
      return children.get(index);
    }

    Tlv expect(int expectedTag) {
      if (tag != expectedTag) {
        throw malformed(String.format("expected tag 0x%02x, found 0x%02x", expectedTag, tag));
      }
      return this;
    }

    BigInteger integer() {
      expect(INTEGER);
      if (end == contentStart) {
        throw malformed("empty INTEGER");
      }
      return new BigInteger(content());
    }

    String oid() {
      expect(OID);
      var dotted = new StringBuilder();
      long value = 0;
      for (var i = contentStart; i < end; i++) {
        value = (value << 7) | (source[i] & 0x7f);
        if ((source[i] & 0x80) == 0) {
          if (dotted.length() == 0) {
            var first = (int) Math.min(value / 40, 2);
            dotted.append(first).append('.').append(value - 40L * first);
          } else {
            dotted.append('.').append(value);
          }
          value = 0;
        }
      }
      return dotted.toString();
    }
  }

  /**
   * Decodes {@code der}, which must hold exactly one TLV.
   *
   * @throws PemException when the bytes are not a single well-formed DER value
   */
  static Tlv parse(byte[] der) {
    var tlv = readAt(der, 0, der.length);
    if (tlv.end() != der.length) {
      throw malformed((der.length - tlv.end()) + " trailing bytes");
    }
    return tlv;
  }

  private static Tlv readAt(byte[] source, int start, int limit) {
    if (limit - start < 2) {
      throw malformed("truncated header");
    }
    var tag = source[start] & 0xff;
    if ((tag & 0x1f) == 0x1f) {
      throw malformed("multi-byte tags are not used by key structures");
    }
    var first = source[start + 1] & 0xff;
    var offset = start + 2;
    long length = first;
    if (first > 0x80) {
      var count = first & 0x7f;
      if (count > 4 || limit - offset < count) {
        throw malformed("bad length");
      }
      length = 0;
      for (var i = 0; i < count; i++) {
        length = (length << 8) | (source[offset++] & 0xff);
      }
    } else if (first == 0x80) {
      throw malformed("indefinite length is not DER");
    }
    if (length > limit - offset) {
      throw malformed("value runs past the end of its container");
    }
    return new Tlv(tag, source, start, offset, offset + (int) length);
  }

  /** Encodes one TLV whose content is the concatenation of {@code parts}. */
  static byte[] encode(int tag, byte[]... parts) {
    var content = new ByteArrayOutputStream();
    for (var part : parts) {
      content.writeBytes(part);
    }
    var out = new ByteArrayOutputStream();
    out.write(tag);
    var length = content.size();
    if (length < 0x80) {
      out.write(length);
    } else {
      var bytes = BigInteger.valueOf(length).toByteArray();
      var skip = bytes[0] == 0 ? 1 : 0;
      out.write(0x80 | (bytes.length - skip));
      out.write(bytes, skip, bytes.length - skip);
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... parts) {
    return encode(SEQUENCE, parts);
  }

  static byte[] integer(BigInteger value) {
    return encode(INTEGER, value.toByteArray());
  }

  /** A BIT STRING with no unused bits, the only kind keys use. */
  static byte[] bitString(byte[] bits) {
    return encode(BIT_STRING, new byte[] {0}, bits);
  }

  /** Encodes a dotted object identifier such as {@code 1.2.840.113549.1.1.1}. */
  static byte[] oid(String dotted) {
    var arcs = dotted.split("\\.");
    var content = new ByteArrayOutputStream();
    writeBase128(content, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
    for (var i = 2; i < arcs.length; i++) {
      writeBase128(content, Long.parseLong(arcs[i]));
    }
    return encode(OID, content.toByteArray());
  }

  private static void writeBase128(ByteArrayOutputStream out, long value) {
    var groups = new ArrayList<Integer>();
    do {
      groups.add((int) (value & 0x7f));
      value >>>= 7;
    } while (value != 0);
    for (var i = groups.size() - 1; i >= 0; i--) {
      out.write(groups.get(i) | (i == 0 ? 0 : 0x80));
    }
  }

  private static PemException malformed(String detail) {
    return new PemException(PemException.Problem.MALFORMED, "malformed DER: " + detail);
  }
}
