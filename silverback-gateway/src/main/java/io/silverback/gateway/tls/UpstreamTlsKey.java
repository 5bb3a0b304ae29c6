package io.silverback.gateway.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.silverback.core.config.Config;
import io.silverback.core.config.Entity;
import java.util.ArrayList;
import java.util.List;

/**
 * The TLS settings of a service towards its upstream as one value ({@code tls_verify}, {@code
 * tls_verify_depth}, the PEM of its {@code ca_certificates} and of its {@code client_certificate}):
 * services with equal keys can share connections, and a changed CA or client certificate under
 * the same id is a different key. Cheap to build per request; equality compares the PEM texts.
 *
 * @param verify whether the upstream's certificate and host name are verified ({@code tls_verify},
 *     off when null, as Kong's nginx default)
 * @param verifyDepth the most intermediate CAs allowed ({@code tls_verify_depth}, nginx's 1 when
 *     null)
 * @param caCertificates the PEM of each CA certificate, in the service's order; empty: the system
 *     CAs. Left empty when {@code verify} is off, since nothing is verified against them
 * @param clientCertificate the client certificate's {@code cert} PEM, {@code ""} for none
 * @param clientKey the client certificate's {@code key} PEM, {@code ""} for none
 */
public record UpstreamTlsKey(boolean verify, int verifyDepth, List<String> caCertificates, String clientCertificate,
    String clientKey) {
  /** nginx's {@code proxy_ssl_verify_depth} default, which Kong keeps when the field is null. */
  public static final int NGINX_VERIFY_DEPTH = 1;

  public UpstreamTlsKey {
    caCertificates = List.copyOf(caCertificates);
  }

  /**
   * The key of {@code service} in {@code config}.
   *
   * @throws TlsException naming the service when a CA certificate it lists does not exist (Kong's
   *     {@code CA Certificate '<id>' does not exist}) or its client certificate does not
   */
  public static UpstreamTlsKey of(Config config, Entity service) {
    boolean verify = service.get("tls_verify").asBoolean(false);
    int depth = service.get("tls_verify_depth").isInt() ? service.get("tls_verify_depth").intValue() : NGINX_VERIFY_DEPTH;
    List<String> cas = new ArrayList<>();
    JsonNode caIds = verify ? service.get("ca_certificates") : MissingNode.getInstance();
    caIds.forEach(id -> cas.add(config.get("ca_certificates", id.asText())
        .map(ca -> ca.text("cert"))
        .orElseThrow(() -> new TlsException("service " + service.id() + ": CA Certificate '" + id.asText()
            + "' does not exist"))));
    String clientId = service.foreignId("client_certificate");
    if (clientId == null) {
      return new UpstreamTlsKey(verify, depth, cas, "", "");
    }
    Entity client = config.get("certificates", clientId).orElseThrow(() -> new TlsException("service "
        + service.id() + ": client certificate " + clientId + " does not exist"));
    return new UpstreamTlsKey(verify, depth, cas, client.text("cert"), client.text("key"));
  }

  /** Whether a client certificate is presented. */
  public boolean hasClientCertificate() {
    return !clientCertificate.isEmpty();
  }

  /** Leaves the PEM out: the key is secret, and the certificates are long. */
  @Override
  public String toString() {
    return "UpstreamTlsKey[verify=" + verify + ", depth=" + verifyDepth + ", cas=" + caCertificates.size()
        + ", clientCertificate=" + hasClientCertificate() + "]";
  }
}
