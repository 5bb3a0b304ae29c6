package io.silverback.gateway.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * OpenSSL's verify depth on top of a PKIX trust manager: a server chain that passed verification
 * is refused when more than {@code depth} intermediate CAs stand between its leaf and the trust
 * anchor. The JDK's validator does not apply {@code PKIXBuilderParameters.setMaxPathLength} to a
 * chain the server sent complete (it validates instead of building), so the limit is counted here.
 * Only server certificates are checked: the proxy is the client.
 */
final class DepthLimit extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager verified;
  private final Set<X500Principal> anchors;
  private final int depth;

  DepthLimit(X509ExtendedTrustManager verified, Set<X500Principal> anchors, int depth) {
    this.verified = verified;
    this.anchors = Set.copyOf(anchors);
    this.depth = depth;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verified.checkServerTrusted(chain, authType, engine);
    requireDepth(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    verified.checkServerTrusted(chain, authType, socket);
    requireDepth(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    verified.checkServerTrusted(chain, authType);
    requireDepth(chain);
  }

  /** Counts the certificates from the leaf up to the first one a trust anchor issued. */
  private void requireDepth(X509Certificate[] chain) throws CertificateException {
    int intermediates = 0;
    while (intermediates < chain.length && !anchors.contains(chain[intermediates].getIssuerX500Principal())) {
      intermediates++;
    }
    if (intermediates > depth) {
      throw new CertificateException("certificate chain too long: " + intermediates
          + " intermediate CA certificates, tls_verify_depth allows " + depth);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verified.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    verified.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    verified.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return verified.getAcceptedIssuers();
  }
}
