package io.silverback.gateway.balancer;

import io.silverback.core.typedef.IpRanges;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Resolves target names into addresses, as Kong's balancer expands a target's A records into
 * addresses ({@code kong/runloop/balancer/targets.lua}), with a cache: answers for {@code
 * dns_valid_ttl}, missing names for {@code dns_not_found_ttl}, other failures for {@code
 * dns_error_ttl}. The lookup blocks (the system resolver): it runs only where a balancer is built
 * or refreshed, off the event loops. Literal addresses are never looked up.
 */
final class TargetResolver {
  /** How names are looked up; the system resolver unless a test gives its own. */
  @FunctionalInterface
  interface Lookup {
    InetAddress[] all(String name) throws UnknownHostException;
  }

  private record Answer(List<String> ips, long expires) {}

  private final Lookup lookup;
  private final DnsSettings settings;
  private final LongSupplier nanos;
  private final Map<String, Answer> cache = new ConcurrentHashMap<>();

  TargetResolver(Lookup lookup, DnsSettings settings, LongSupplier nanos) {
    this.lookup = lookup;
    this.settings = settings;
    this.nanos = nanos;
  }

  static boolean isName(String host) {
    return !IpRanges.isAddress(host);
  }

  /** The addresses of {@code host}: itself when it is an address; empty when the name does not resolve. */
  List<String> resolve(String host) {
    if (!isName(host)) {
      return List.of(host);
    }
    Answer a = cache.get(host);
    if (a == null || nanos.getAsLong() - a.expires() >= 0) {
      a = lookUp(host);
      cache.put(host, a);
    }
    return a.ips();
  }

  /** Whether some cached name is due again; then {@link #resolve} looks it up anew. */
  boolean anyExpired() {
    long now = nanos.getAsLong();
    return cache.values().stream().anyMatch(a -> now - a.expires() >= 0);
  }

  /** The shortest time an answer is kept, in milliseconds: how often names are re-checked. */
  long refreshMillis() {
    return Math.max(1, Math.min(settings.validTtl(), settings.notFoundTtl())) * 1000L;
  }

  private Answer lookUp(String host) {
    long now = nanos.getAsLong();
    try {
      List<String> ips = pick(lookup.all(host));
      int ttl = ips.isEmpty() ? settings.notFoundTtl() : settings.validTtl();
      return new Answer(ips, now + ttl * 1_000_000_000L);
    } catch (UnknownHostException e) {
      return new Answer(List.of(), now + settings.notFoundTtl() * 1_000_000_000L);
    } catch (RuntimeException e) {
      return new Answer(List.of(), now + settings.errorTtl() * 1_000_000_000L);
    }
  }

  /** The addresses of the first type of {@code dns_order} that has any. */
  private List<String> pick(InetAddress[] found) {
    for (String type : settings.order()) {
      Class<?> kind = type.equals("A") ? Inet4Address.class : type.equals("AAAA") ? Inet6Address.class : null;
      if (kind == null) {
        continue;
      }
      List<String> ips = new ArrayList<>();
      for (InetAddress a : found) {
        if (kind.isInstance(a)) {
          ips.add(a.getHostAddress());
        }
      }
      if (!ips.isEmpty()) {
        return List.copyOf(ips);
      }
    }
    return List.of();
  }
}
