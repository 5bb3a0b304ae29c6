package io.silverback.gateway.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Trust managers for verifying an upstream's certificate as nginx's {@code proxy_ssl_verify} does:
 * the chain must end at one of the given CA certificates (a service's {@code ca_certificates}) or,
 * without any, at one of the JDK's system CAs, with at most {@code depth} intermediate CAs between
 * the leaf and the trust anchor (OpenSSL's verify depth; nginx's default is 1). Revocation is not
 * checked, as nginx does not without {@code proxy_ssl_crl}. The depth is counted by {@link
 * DepthLimit}.
 */
final class TrustStores {
  private TrustStores() {}

  /**
   * A PKIX trust manager over {@code anchors} (the system CAs when empty) that allows at most
   * {@code depth} intermediates.
   *
   * @throws TlsException when the JDK cannot build it (no system CAs at all)
   */
  static X509ExtendedTrustManager pkix(List<X509Certificate> anchors, int depth) {
    try {
      List<X509Certificate> roots = anchors.isEmpty() ? systemCas() : anchors;
      Set<TrustAnchor> trusted = roots.stream()
          .map(c -> new TrustAnchor(c, null))
          .collect(Collectors.toCollection(HashSet::new));
      PKIXBuilderParameters parameters = new PKIXBuilderParameters(trusted, new X509CertSelector());
      parameters.setRevocationEnabled(false);
      parameters.setMaxPathLength(depth);
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(new CertPathTrustManagerParameters(parameters));
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager x509) {
          Set<X500Principal> subjects = roots.stream().map(X509Certificate::getSubjectX500Principal)
              .collect(Collectors.toSet());
          return new DepthLimit(x509, subjects, depth);
        }
      }
      throw new TlsException("the JDK's PKIX trust manager factory made no X.509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new TlsException("cannot build the upstream trust store: " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> systemCas() throws GeneralSecurityException {
    TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    system.init((KeyStore) null);
    for (TrustManager manager : system.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        return Arrays.asList(x509.getAcceptedIssuers());
      }
    }
    throw new TlsException("the JDK has no X.509 trust manager for its system CAs");
  }
}
