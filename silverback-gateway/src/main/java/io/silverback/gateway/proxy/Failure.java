package io.silverback.gateway.proxy;

import io.silverback.gateway.balancer.Outcome;
import java.net.UnknownHostException;

/** Why an attempt to an upstream failed, as Kong tells them apart (retry, status, passive health). */
enum Failure {
  /** The name did not resolve: 503 {@code name resolution failed}, no retry. */
  NAME_RESOLUTION,
  /** Connect, read or write timed out: retried, then 504. */
  TIMEOUT,
  /** Refused, reset or closed: retried, then 502. */
  CONNECTION;

  static Failure of(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof UnknownHostException) {
        return NAME_RESOLUTION;
      }
      if (t.getClass().getSimpleName().contains("Timeout")) {
        return TIMEOUT;
      }
    }
    return CONNECTION;
  }

  Outcome outcome() {
    return this == TIMEOUT ? Outcome.TIMEOUT : Outcome.TCP_FAILURE;
  }

  int status() {
    return this == TIMEOUT ? 504 : this == NAME_RESOLUTION ? 503 : 502;
  }

  String message() {
    return this == TIMEOUT ? Replies.TIMEOUT : this == NAME_RESOLUTION ? Replies.NAME_RESOLUTION : Replies.BAD_GATEWAY;
  }
}
