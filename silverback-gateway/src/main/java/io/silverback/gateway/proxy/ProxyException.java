package io.silverback.gateway.proxy;

/** A failure of the proxy runtime; the message names the listener, service or peer involved. */
public final class ProxyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ProxyException(String message) {
    super(message);
  }

  public ProxyException(String message, Throwable cause) {
    super(message, cause);
  }
}
