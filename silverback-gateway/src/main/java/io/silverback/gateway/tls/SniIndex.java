package io.silverback.gateway.tls;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The certificates of one {@link Config} snapshot by SNI name, looked up as Kong's {@code
 * find_certificate} ({@code kong/runloop/certificate.lua}): the exact name, then the name with its
 * leftmost label as {@code *} ({@code *.example.com}, only for names of three labels or more),
 * then with its rightmost label as {@code *} ({@code www.example.*}), then the catch-all SNI
 * {@code *}; else nothing, and the caller serves the default certificate.
 *
 * <p>Design. Building the index only maps names to certificate ids (one pass over {@code snis});
 * a certificate's PEM is parsed the first time a handshake needs it, once per snapshot, and a
 * certificate whose PEM fields did not change is taken over from the previous snapshot's index
 * without parsing again. So a configuration swap costs one pass over the names, not a parse of
 * every certificate on an event loop. Thread-safe.
 */
final class SniIndex {
  private static final Pattern LEFTMOST = Pattern.compile("([^.]+)(\\.[^.]+\\.\\S+)");
  private static final Pattern RIGHTMOST = Pattern.compile("([^.]+\\.)([^.]+)$");
  /** Kong's {@code DEFAULT_SNI}: an SNI entity with this name catches every name. */
  static final String CATCH_ALL = "*";

  private final Config config;
  private final long serial;
  private final Map<String, String> certificateBySni;
  private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();
  private final Map<String, Parsed> inherited;

  /** A parsed certificate and the PEM text it was parsed from. */
  private record Parsed(String source, CertificateKeys keys) {}

  private SniIndex(Config config, long serial, Map<String, String> certificateBySni, Map<String, Parsed> inherited) {
    this.config = config;
    this.serial = serial;
    this.certificateBySni = certificateBySni;
    this.inherited = inherited;
  }

  /** The index of {@code config}, reusing what {@code previous} (may be null) parsed. */
  static SniIndex build(Config config, long serial, SniIndex previous) {
    Map<String, String> bySni = new HashMap<>();
    for (Entity sni : config.all("snis")) {
      String name = sni.text("name");
      String certificate = sni.foreignId("certificate");
      if (name != null && certificate != null) {
        bySni.put(name.toLowerCase(Locale.ROOT), certificate);
      }
    }
    return new SniIndex(config, serial, bySni, previous == null ? Map.of() : previous.parsed);
  }

  Config config() {
    return config;
  }

  long serial() {
    return serial;
  }

  /**
   * The certificate for a client's SNI; empty when none matches or the client sent none.
   *
   * @throws TlsException when the matching certificate's PEM does not parse (the handshake fails,
   *     as in Kong)
   */
  Optional<CertificateKeys> find(Optional<String> serverName) {
    if (serverName.isEmpty()) {
      return Optional.empty();
    }
    for (String candidate : candidates(serverName.get().toLowerCase(Locale.ROOT))) {
      String certificate = certificateBySni.get(candidate);
      if (certificate != null) {
        return Optional.of(keys(certificate, candidate));
      }
    }
    return Optional.empty();
  }

  /** The names to look up for {@code sni}, in Kong's order. */
  static List<String> candidates(String sni) {
    List<String> out = new ArrayList<>(4);
    out.add(sni);
    if (sni.indexOf('*') < 0) {
      wildcard(LEFTMOST, sni, "*$2").ifPresent(out::add);
      wildcard(RIGHTMOST, sni, "$1*").ifPresent(out::add);
    }
    out.add(CATCH_ALL);
    return out;
  }

  private static Optional<String> wildcard(Pattern pattern, String sni, String replacement) {
    Matcher m = pattern.matcher(sni);
    return m.find() ? Optional.of(m.replaceFirst(replacement)) : Optional.empty();
  }

  /** The certificate by id, parsed once; {@code parsed} holds only what this snapshot has. */
  CertificateKeys keys(String certificateId, String sni) {
    Parsed done = parsed.get(certificateId);
    if (done != null) {
      return done.keys();
    }
    Entity certificate = config.get("certificates", certificateId).orElseThrow(() ->
        new TlsException("no SSL certificate configured for sni: " + sni + " (certificate " + certificateId + ")"));
    String source = source(certificate);
    Parsed before = inherited.get(certificateId);
    Parsed now = before != null && before.source().equals(source)
        ? before
        : new Parsed(source, CertificateKeys.of(certificate));
    parsed.put(certificateId, now);
    return now.keys();
  }

  private static String source(Entity certificate) {
    return String.join("\0", Objects.toString(certificate.text("cert")), Objects.toString(certificate.text("key")),
        Objects.toString(certificate.text("cert_alt")), Objects.toString(certificate.text("key_alt")));
  }
}
