package io.silverback.gateway.tls;

import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import io.silverback.core.tls.Pem;
import io.silverback.core.tls.PemException;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;

/**
 * The client TLS of the proxy towards a service's upstream, as Kong's {@code set_service_ssl}
 * ({@code kong/runloop/upstream_ssl.lua}) for services of protocol {@code https} or {@code grpcs}:
 * verification of the upstream's certificate and host name only when {@code tls_verify} is true
 * (against the service's {@code ca_certificates}, else the system CAs, at most {@code
 * tls_verify_depth} intermediates), and the {@code client_certificate}'s {@code cert}/{@code key}
 * presented when the upstream asks for one.
 *
 * <p>How the proxy uses it: {@code requestOptions.setSslOptions(upstreamTls.sslOptions(config,
 * service).get())} with {@code setHost(<the Host sent upstream>)} and {@code setServer(<the peer's
 * address>)}. The options returned for equal {@link UpstreamTlsKey}s are the same instance, and
 * Vert.x pools connections per distinct options, so one {@code HttpClient} per event loop keeps one
 * pool per peer and TLS setting. SNI is the request's host ({@code proxy_ssl_name $upstream_host};
 * Vert.x sends it for names, not for IP addresses), and host name verification checks it.
 *
 * <p>Built options are kept for up to {@value #MAX_SETTINGS} distinct settings; past that the
 * cache starts over (connections of dropped settings are pooled anew). Thread-safe.
 */
public final class UpstreamTls {
  /** The service protocols that speak TLS to the upstream. */
  public static final Set<String> TLS_PROTOCOLS = Set.of("https", "grpcs");
  static final int MAX_SETTINGS = 256;

  private final Map<UpstreamTlsKey, ClientSSLOptions> built = new ConcurrentHashMap<>();

  /** Whether {@code service} talks TLS to its upstream. */
  public static boolean usesTls(Entity service) {
    return TLS_PROTOCOLS.contains(service.text("protocol"));
  }

  /**
   * The client TLS options for {@code service}; empty for a service that does not use TLS.
   *
   * @throws TlsException naming the service when a CA or client certificate it names does not
   *     exist or does not parse; the proxy answers 502 then, as Kong's failed handshake does
   */
  public Optional<ClientSSLOptions> sslOptions(Config config, Entity service) {
    if (!usesTls(service)) {
      return Optional.empty();
    }
    return Optional.of(sslOptions(UpstreamTlsKey.of(config, service)));
  }

  /**
   * The options for {@code key}, the same instance for equal keys while cached.
   *
   * @throws TlsException when a PEM in the key does not parse
   */
  public ClientSSLOptions sslOptions(UpstreamTlsKey key) {
    ClientSSLOptions done = built.get(key);
    if (done != null) {
      return done;
    }
    if (built.size() >= MAX_SETTINGS) {
      built.clear();
    }
    return built.computeIfAbsent(key, UpstreamTls::build);
  }

  private static ClientSSLOptions build(UpstreamTlsKey key) {
    ClientSSLOptions options = new ClientSSLOptions();
    if (key.verify()) {
      options.setTrustOptions(TrustOptions.wrap(TrustStores.pkix(anchors(key), key.verifyDepth())))
          .setHostnameVerificationAlgorithm("HTTPS");
    } else {
      options.setTrustAll(true).setHostnameVerificationAlgorithm("");
    }
    if (key.hasClientCertificate()) {
      options.setKeyCertOptions(KeyCertOptions.wrap(clientKeys(
          CertificateKeys.parse("client certificate", key.clientCertificate(), key.clientKey()))));
    }
    return options;
  }

  private static List<X509Certificate> anchors(UpstreamTlsKey key) {
    List<X509Certificate> out = new ArrayList<>();
    for (String pem : key.caCertificates()) {
      try {
        out.add(Pem.certificate(pem));
      } catch (PemException e) {
        throw new TlsException("CA certificate: " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static KeyManagerFactory clientKeys(KeyedCertificate client) {
    try {
      char[] password = new char[0];
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("client", client.key(), password, client.chainArray());
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, password);
      return factory;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new TlsException("cannot use client certificate " + client.leaf().getSubjectX500Principal() + ": "
          + e.getMessage(), e);
    }
  }
}
