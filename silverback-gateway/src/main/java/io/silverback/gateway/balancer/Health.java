package io.silverback.gateway.balancer;

/** A target's or an address's health as Kong's Admin API reports it. */
public enum Health {
  /** Health checks are on and it may be balanced to. */
  HEALTHY,
  /** Health checks are on and took it out of balancing. */
  UNHEALTHY,
  /** The target is a name that did not resolve (or this node's balancer does not have it yet). */
  DNS_ERROR,
  /** The upstream runs no health checks, or the target's weight is 0. */
  HEALTHCHECKS_OFF
}
