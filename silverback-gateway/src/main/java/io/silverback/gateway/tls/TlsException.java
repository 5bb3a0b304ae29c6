package io.silverback.gateway.tls;

/**
 * TLS material cannot be used: a certificate or key that does not parse, a default certificate
 * that cannot be written to the prefix, a CA certificate a service names that does not exist. The
 * message names the entity id, setting or file concerned.
 */
public final class TlsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TlsException(String message) {
    super(message);
  }

  public TlsException(String message, Throwable cause) {
    super(message, cause);
  }
}
