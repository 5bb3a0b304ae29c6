package io.silverback.gateway.tls;

import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** TLS handshakes from a JDK client on loopback: which certificate does the server serve? */
final class Handshakes {
  static final String ECDSA_ONLY = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
  static final String RSA_ONLY = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";

  private Handshakes() {}

  /** The leaf the server on {@code port} serves to a client sending {@code sni} (null: none). */
  static X509Certificate served(int port, String sni) {
    return served(port, sni, null);
  }

  /** As {@link #served(int, String)}, over TLS 1.2 with only {@code cipherSuite} when not null. */
  static X509Certificate served(int port, String sni, String cipherSuite) {
    try {
      try (SSLSocket socket = (SSLSocket) trustingAll().getSocketFactory().createSocket("127.0.0.1", port)) {
        socket.setSoTimeout(10_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        if (cipherSuite != null) {
          parameters.setProtocols(new String[] {"TLSv1.2"});
          parameters.setCipherSuites(new String[] {cipherSuite});
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
      }
    } catch (Exception e) {
      throw new IllegalStateException("handshake with sni " + sni + ": " + e, e);
    }
  }

  /** A client context that accepts any server certificate. */
  static SSLContext trustingAll() throws java.security.GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new TrustAll()}, null);
    return context;
  }

  /** The subject's common name part, {@code CN=...}. */
  static String cn(X509Certificate certificate) {
    for (String part : certificate.getSubjectX500Principal().getName().split(",")) {
      if (part.startsWith("CN=")) {
        return part.substring(3);
      }
    }
    return certificate.getSubjectX500Principal().getName();
  }

  /** Accepts any server: these tests look at what is served, not whether it is trusted. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
