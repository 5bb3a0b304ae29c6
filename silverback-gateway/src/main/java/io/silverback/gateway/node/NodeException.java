package io.silverback.gateway.node;

/**
 * The node cannot start, stop or reload: a port in use, an invalid declarative configuration, an
 * unwritable prefix. The message names the key, file or port concerned and is meant for people.
 */
public final class NodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NodeException(String message) {
    super(message);
  }

  public NodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
