package io.silverback.gateway.node;

import sun.misc.Signal;

/**
 * {@code silverback reload} reaches a running node as SIGHUP, as {@code kong reload} sends HUP to
 * nginx. A signal was chosen over an Admin API endpoint because it needs no listener (the Admin
 * API may be {@code off}) and only the node's owner (or root) can send it, which is the right
 * permission check for free. Handling it replaces the JVM's default SIGHUP action, which would
 * run the shutdown hooks and exit.
 *
 * <p>{@code sun.misc.Signal} lives in the {@code jdk.unsupported} module, present in every
 * OpenJDK build; on a platform without SIGHUP (Windows) {@link #install} returns false and reload
 * is unavailable there.
 */
public final class HangupSignal {
  private HangupSignal() {}

  /**
   * Runs {@code onHangup} on the JVM's signal thread each time the process receives SIGHUP.
   *
   * @return false when this platform has no SIGHUP, or the process ignores it (started under nohup)
   */
  public static boolean install(Runnable onHangup) {
    try {
      Signal.handle(new Signal("HUP"), s -> onHangup.run());
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
