package io.silverback.core.tls;

import java.io.ByteArrayInputStream;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Parses PEM text the way OpenSSL's {@code PEM_read_bio_*} functions do for Kong: blocks are read
 * in order, text outside blocks is ignored, the first block with a wanted label is used, and a
 * broken block met on the way fails the whole read.
 *
 * <p>Accepted labels: {@code CERTIFICATE} (and the old {@code X509 CERTIFICATE}); private keys in
 * {@code PRIVATE KEY} (PKCS#8: RSA, RSA-PSS, EC, Ed25519, Ed448, X25519, X448, DSA), {@code RSA
 * PRIVATE KEY} (PKCS#1) and {@code EC PRIVATE KEY} (SEC1); public keys in {@code PUBLIC KEY}
 * (SubjectPublicKeyInfo) and {@code RSA PUBLIC KEY} (PKCS#1). Encrypted keys are rejected, since
 * Kong has no passphrase to offer.
 */
public final class Pem {
  static final Set<String> CERTIFICATE_LABELS = Set.of("CERTIFICATE", "X509 CERTIFICATE");
  static final Set<String> PUBLIC_KEY_LABELS = Set.of("PUBLIC KEY", "RSA PUBLIC KEY");

  private static final Pattern BEGIN = Pattern.compile("-----BEGIN (.+)-----");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private Pem() {}

  /**
   * One decoded PEM block.
   *
   * @param label the text between {@code BEGIN } and the closing dashes, e.g. {@code CERTIFICATE}
   * @param headers RFC 1421 headers such as {@code Proc-Type}, in order; usually empty
   * @param der the base64-decoded body (a copy is kept and handed out)
   */
  public record Block(String label, Map<String, String> headers, byte[] der) {
    public Block {
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
      der = der.clone();
    }

    @Override
    public byte[] der() {
      return der.clone();
    }

    boolean encrypted() {
      return label.equals("ENCRYPTED PRIVATE KEY")
          || headers.getOrDefault("Proc-Type", "").contains("ENCRYPTED");
    }
  }

  /**
   * Decodes every PEM block in {@code text}, in order.
   *
   * @throws PemException if a block has no matching END line or its body is not base64
   */
  public static List<Block> blocks(String text) {
    var blocks = new ArrayList<Block>();
    var reader = new BlockReader(text);
    for (var block = reader.next(); block.isPresent(); block = reader.next()) {
      blocks.add(block.get());
    }
    return blocks;
  }

  /**
   * Parses every certificate in {@code text} (a chain, leaf first, as Kong stores it).
   *
   * @throws PemException if there is no certificate block, or any block or certificate is broken
   */
  public static List<X509Certificate> certificates(String text) {
    var certificates = new ArrayList<X509Certificate>();
    for (var block : blocks(text)) {
      if (CERTIFICATE_LABELS.contains(block.label())) {
        certificates.add(x509(block));
      }
    }
    if (certificates.isEmpty()) {
      throw new PemException(PemException.Problem.NO_BLOCK, "no CERTIFICATE block found");
    }
    return certificates;
  }

  /**
   * Parses the first certificate in {@code text}; this is the certificate Kong checks.
   *
   * @throws PemException if there is no certificate block, or it (or a block before it) is broken
   */
  public static X509Certificate certificate(String text) {
    return x509(first(text, CERTIFICATE_LABELS::contains, "CERTIFICATE"));
  }

  /**
   * Parses the first private key in {@code text}: PKCS#8, PKCS#1 RSA or SEC1 EC.
   *
   * @throws PemException if there is no private key block, it is encrypted, broken or of an
   *     algorithm the JDK cannot load
   */
  public static PrivateKey privateKey(String text) {
    return KeyDecoder.privateKey(first(text, Pem::isPrivateKeyLabel, "PRIVATE KEY"));
  }

  /**
   * Parses the first public key in {@code text}: SubjectPublicKeyInfo or PKCS#1 RSA.
   *
   * @throws PemException if there is no public key block, or it is broken or unsupported
   */
  public static PublicKey publicKey(String text) {
    return KeyDecoder.publicKey(first(text, PUBLIC_KEY_LABELS::contains, "PUBLIC KEY"));
  }

  static boolean isPrivateKeyLabel(String label) {
    return label.endsWith("PRIVATE KEY");
  }

  static Block first(String text, Predicate<String> wanted, String what) {
    var reader = new BlockReader(text);
    for (var block = reader.next(); block.isPresent(); block = reader.next()) {
      if (wanted.test(block.get().label())) {
        return block.get();
      }
    }
    throw new PemException(PemException.Problem.NO_BLOCK, "no " + what + " block found");
  }

  private static X509Certificate x509(Block block) {
    try {
      var factory = CertificateFactory.getInstance("X.509");
      return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der()));
    } catch (CertificateException e) {
      throw new PemException(
          PemException.Problem.MALFORMED, "malformed " + block.label() + ": " + e.getMessage(), e);
    }
  }

  /** Walks the lines of a PEM text, one block at a time. */
  private static final class BlockReader {
    private final String[] lines;
    private int next;

    BlockReader(String text) {
      this.lines = text.split("\r?\n|\r", -1);
    }

    Optional<Block> next() {
      while (next < lines.length) {
        var begin = BEGIN.matcher(lines[next++].stripTrailing());
        if (begin.matches()) {
          return Optional.of(readBody(begin.group(1)));
        }
      }
      return Optional.empty();
    }

    private Block readBody(String label) {
      var headers = new LinkedHashMap<String, String>();
      if (next < lines.length && lines[next].contains(":")) {
        while (next < lines.length && !lines[next].isBlank()) {
          var header = lines[next++].split(":", 2);
          headers.put(header[0].strip(), header.length > 1 ? header[1].strip() : "");
        }
      }
      var body = new StringBuilder();
      var end = "-----END " + label + "-----";
      while (next < lines.length) {
        var line = lines[next++].stripTrailing();
        if (line.equals(end)) {
          return new Block(label, headers, decode(label, body));
        }
        if (line.startsWith("-----")) {
          break;
        }
        body.append(line);
      }
      throw new PemException(
          PemException.Problem.MALFORMED, "BEGIN " + label + " without a matching END line");
    }

    private static byte[] decode(String label, CharSequence body) {
      try {
        return Base64.getDecoder().decode(WHITESPACE.matcher(body).replaceAll(""));
      } catch (IllegalArgumentException e) {
        throw new PemException(
            PemException.Problem.MALFORMED, "invalid base64 in " + label + " block", e);
      }
    }
  }
}
