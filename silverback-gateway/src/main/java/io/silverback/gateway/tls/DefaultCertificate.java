package io.silverback.gateway.tls;

import io.silverback.core.conf.NodeConf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The certificate an {@code ssl} listener serves when no SNI matches (the proxy's) or always (the
 * Admin API's), as Kong's: the {@code ssl_cert}/{@code ssl_cert_key} settings ({@code
 * admin_ssl_cert}/{@code admin_ssl_cert_key}) when set (comma-separated lists of the same length;
 * each entry a file path, PEM text or base64 of PEM text), else a self-signed RSA and ECDSA pair
 * ({@link SelfSigned}) generated into {@code <prefix>/ssl/} on first start and reused afterwards:
 * <pre>
 * ssl/silverback-default.crt          ssl/silverback-default.key          (0600)
 * ssl/silverback-default-ecdsa.crt    ssl/silverback-default-ecdsa.key    (0600)
 * ssl/admin-silverback-default*.crt   ssl/admin-silverback-default*.key   (0600, Admin API)
 * </pre>
 * Kong names them {@code kong-default*} and {@code admin-kong-default*}; the layout and the rule
 * (generate only when neither file of a pair exists) are Kong's {@code gen_default_ssl_cert}.
 */
public final class DefaultCertificate {
  /** The id the default certificate goes by in logs. */
  public static final String ID = "default";

  /** Whose default certificate: its settings and its files in the prefix. */
  public enum Target {
    /** {@code proxy_listen}: {@code ssl_cert}, {@code ssl_cert_key}. */
    PROXY("ssl_cert", "ssl_cert_key", "silverback-default"),
    /** {@code admin_listen}: {@code admin_ssl_cert}, {@code admin_ssl_cert_key}. */
    ADMIN("admin_ssl_cert", "admin_ssl_cert_key", "admin-silverback-default");

    final String certKey;
    final String keyKey;
    final String fileName;

    Target(String certKey, String keyKey, String fileName) {
      this.certKey = certKey;
      this.keyKey = keyKey;
      this.fileName = fileName;
    }
  }

  private DefaultCertificate() {}

  /**
   * The default certificate of {@code target}: from its settings, else from (and if missing,
   * generated into) {@code <prefix>/ssl}.
   *
   * @throws TlsException naming the setting or file when a certificate or key cannot be read or
   *     parsed, only one of the two settings is set or their lengths differ, only one file of a
   *     generated pair exists, or the prefix is not writable
   */
  public static CertificateKeys load(Target target, NodeConf conf, Path prefix) {
    List<String> certs = entries(conf.get(target.certKey));
    List<String> keys = entries(conf.get(target.keyKey));
    if (certs.isEmpty() && keys.isEmpty()) {
      return inPrefix(prefix.resolve("ssl"), target.fileName, Instant.now());
    }
    if (certs.size() != keys.size()) {
      throw new TlsException(target.certKey + " has " + certs.size() + " entries but " + target.keyKey + " has "
          + keys.size() + ": give one key for each certificate, in the same order");
    }
    List<KeyedCertificate> out = new ArrayList<>();
    for (int i = 0; i < certs.size(); i++) {
      out.add(CertificateKeys.parse(target.certKey + "/" + target.keyKey + " entry " + (i + 1),
          text(target.certKey, i, certs.get(i)), text(target.keyKey, i, keys.get(i))));
    }
    return new CertificateKeys(ID, out);
  }

  /**
   * The generated pair named {@code fileName} in {@code sslDir}, generating each that is missing.
   *
   * @throws TlsException as {@link #load}
   */
  static CertificateKeys inPrefix(Path sslDir, String fileName, Instant now) {
    List<KeyedCertificate> out = new ArrayList<>();
    out.add(pair(sslDir, fileName, SelfSigned.Kind.RSA, now));
    out.add(pair(sslDir, fileName + "-ecdsa", SelfSigned.Kind.ECDSA, now));
    return new CertificateKeys(ID, out);
  }

  private static KeyedCertificate pair(Path dir, String name, SelfSigned.Kind kind, Instant now) {
    Path cert = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    boolean haveCert = Files.exists(cert);
    boolean haveKey = Files.exists(key);
    if (haveCert != haveKey) {
      throw new TlsException("default certificate: " + (haveCert ? cert : key) + " exists but "
          + (haveCert ? key : cert) + " does not; remove the other one to generate a new pair");
    }
    if (!haveCert) {
      KeyedCertificate generated = SelfSigned.generate(kind, now);
      write(key, PemText.privateKey(generated.key()), "rw-------");
      write(cert, PemText.certificate(generated.leaf()), "rw-r--r--");
      return generated;
    }
    return CertificateKeys.parse("default certificate " + cert, read(cert), read(key));
  }

  private static void write(Path file, String text, String permissions) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
      Files.writeString(tmp, text, StandardCharsets.US_ASCII);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | UnsupportedOperationException e) {
      throw new TlsException("cannot write the default certificate " + file + ": " + e.getMessage(), e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new TlsException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<String> entries(String value) {
    List<String> out = new ArrayList<>();
    for (String entry : value.split(",")) {
      if (!entry.isBlank()) {
        out.add(entry.strip());
      }
    }
    return out;
  }

  /**
   * Kong's three forms: PEM text, a file path, or base64 of PEM text. The message does not repeat
   * the entry, which may be a key.
   */
  private static String text(String key, int index, String entry) {
    if (entry.contains("-----BEGIN")) {
      return entry;
    }
    try {
      Path path = Path.of(entry);
      if (Files.isRegularFile(path)) {
        return read(path);
      }
    } catch (InvalidPathException e) {
      // not a path: try base64 below
    }
    try {
      String decoded = new String(Base64.getMimeDecoder().decode(entry), StandardCharsets.US_ASCII);
      if (decoded.contains("-----BEGIN")) {
        return decoded;
      }
    } catch (IllegalArgumentException e) {
      // neither: reported below
    }
    throw new TlsException(key + " entry " + (index + 1)
        + " is neither an existing file, PEM text nor base64 of PEM text");
  }
}
