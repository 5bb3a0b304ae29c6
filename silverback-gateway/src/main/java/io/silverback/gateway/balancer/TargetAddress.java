package io.silverback.gateway.balancer;

import io.silverback.core.config.Entity;

/** Reads a target entity's {@code target} ({@code host:port}, {@code [v6]:port}) into an {@link Address}. */
final class TargetAddress {
  /** Kong's port for a target written without one. */
  private static final int DEFAULT_PORT = 8000;

  private TargetAddress() {}

  /** The address of target entity {@code t}, with run-time state {@code state}. */
  static Address of(Entity t, AddressState state) {
    String target = t.text("target");
    int colon = target.lastIndexOf(':');
    boolean hasPort = colon > 0 && (target.startsWith("[") ? target.charAt(colon - 1) == ']' : target.indexOf(':') == colon);
    String name = hasPort ? target.substring(0, colon) : target;
    int port = hasPort ? Integer.parseInt(target.substring(colon + 1)) : DEFAULT_PORT;
    String host = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    return new Address(new Peer(t.id(), host, port), target, name, t.get("weight").asInt(100), state);
  }
}
