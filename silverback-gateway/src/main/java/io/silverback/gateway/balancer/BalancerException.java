package io.silverback.gateway.balancer;

/**
 * A balancer operation that cannot be done, with Kong's message (the Admin API answers it with
 * 400): setting the health of a target of an upstream without a balancer or without health
 * checks.
 */
public final class BalancerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BalancerException(String message) {
    super(message);
  }
}
