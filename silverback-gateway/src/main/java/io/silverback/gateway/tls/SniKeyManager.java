package io.silverback.gateway.tls;

import io.silverback.core.config.Config;
import io.silverback.core.entity.EntityRegistry;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The proxy's server certificate, chosen per handshake from the client's SNI over the
 * <em>current</em> configuration snapshot, as Kong's {@code ssl_certificate_by_lua} does ({@code
 * kong/runloop/certificate.lua}): the SNI entities' certificate by exact name, wildcard or
 * catch-all {@code *} ({@link SniIndex}), else the node's default certificate. A configuration
 * swap changes what the next handshake gets, without a restart.
 *
 * <p>Of a certificate with {@code cert_alt}, the handshake gets the first of {@code cert} and
 * {@code cert_alt} whose key type the client accepts: JSSE asks once per key type in the client's
 * order of preference ({@code EC} before {@code RSA} for a client that prefers ECDSA).
 *
 * <p>Aliases name the snapshot they were chosen from ({@code serial/certificate-id/n}), so a swap
 * between choosing an alias and reading its key cannot pair one certificate with another's key.
 * A certificate whose PEM does not parse fails the handshake and is logged with its id, as in Kong.
 * Thread-safe; used from every event loop at once.
 */
public final class SniKeyManager extends X509ExtendedKeyManager {
  private static final System.Logger LOG = System.getLogger(SniKeyManager.class.getName());
  private static final String DEFAULT = "default";

  private final Supplier<Config> snapshots;
  private final CertificateKeys fallback;
  private long serials;
  private volatile SniIndex current;
  private volatile SniIndex previous;

  /**
   * @param snapshots the configuration the proxy serves, read at every handshake
   * @param fallback the certificate served when no SNI matches ({@link DefaultCertificate})
   */
  public SniKeyManager(Supplier<Config> snapshots, CertificateKeys fallback) {
    this.snapshots = snapshots;
    this.fallback = fallback;
  }

  /**
   * A key manager that serves {@code keys} whatever the SNI, as Kong's Admin API listeners serve
   * {@code admin_ssl_cert}.
   */
  public static SniKeyManager serving(CertificateKeys keys) {
    Config none = Config.empty(EntityRegistry.standard());
    return new SniKeyManager(() -> none, keys);
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return choose(keyType, engine == null ? null : engine.getHandshakeSession());
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    SSLSession session = socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
    return choose(keyType, session);
  }

  private String choose(String keyType, SSLSession handshake) {
    Optional<String> name = serverName(handshake);
    SniIndex index = index();
    CertificateKeys keys;
    try {
      keys = index.find(name).orElse(fallback);
    } catch (TlsException e) {
      LOG.log(System.Logger.Level.ERROR, "[ssl] sni " + name.orElse("(none)") + ": " + e.getMessage(), e);
      return null;
    }
    List<KeyedCertificate> alternatives = keys.alternatives();
    for (int i = 0; i < alternatives.size(); i++) {
      if (alternatives.get(i).serves(keyType)) {
        return (keys == fallback ? DEFAULT : index.serial() + "/" + keys.id()) + "/" + i;
      }
    }
    return null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    KeyedCertificate chosen = resolve(alias);
    return chosen == null ? null : chosen.chainArray();
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    KeyedCertificate chosen = resolve(alias);
    return chosen == null ? null : chosen.key();
  }

  private KeyedCertificate resolve(String alias) {
    if (alias == null) {
      return null;
    }
    String[] parts = alias.split("/");
    try {
      if (parts.length == 2 && parts[0].equals(DEFAULT)) {
        return fallback.alternatives().get(Integer.parseInt(parts[1]));
      }
      if (parts.length != 3) {
        return null;
      }
      long serial = Long.parseLong(parts[0]);
      for (SniIndex index : new SniIndex[] {current, previous}) {
        if (index != null && index.serial() == serial) {
          return index.keys(parts[1], "(alias " + alias + ")").alternatives().get(Integer.parseInt(parts[2]));
        }
      }
    } catch (NumberFormatException | IndexOutOfBoundsException | TlsException e) {
      LOG.log(System.Logger.Level.DEBUG, "[ssl] unknown alias " + alias, e);
    }
    return null;
  }

  /** The index of the current snapshot, built when the snapshot changed since the last handshake. */
  private SniIndex index() {
    Config config = snapshots.get();
    SniIndex now = current;
    if (now != null && now.config() == config) {
      return now;
    }
    synchronized (this) {
      now = current;
      if (now == null || now.config() != config) {
        SniIndex built = SniIndex.build(config, ++serials, now);
        previous = now;
        current = built;
        now = built;
      }
      return now;
    }
  }

  /** The host name the client asked for in its SNI extension. */
  static Optional<String> serverName(SSLSession handshake) {
    if (handshake instanceof ExtendedSSLSession extended) {
      for (SNIServerName name : extended.getRequestedServerNames()) {
        if (name instanceof SNIHostName host) {
          return Optional.of(host.getAsciiName());
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
