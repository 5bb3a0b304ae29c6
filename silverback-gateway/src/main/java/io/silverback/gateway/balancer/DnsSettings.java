package io.silverback.gateway.balancer;

import io.silverback.core.conf.NodeConf;
import java.util.List;
import java.util.Locale;

/**
 * Kong's resolver settings for target names: {@code dns_order} (of which {@code A} and {@code
 * AAAA} are used: the system resolver gives no SRV or CNAME records), {@code dns_valid_ttl},
 * {@code dns_not_found_ttl} and {@code dns_error_ttl}, in seconds.
 *
 * @param order the record types in the order tried, upper case
 * @param validTtl how long an answer is kept (the JVM gives no record TTL: 30 s when unset)
 * @param notFoundTtl how long a name that does not exist is remembered
 * @param errorTtl how long any other failure is remembered
 */
public record DnsSettings(List<String> order, int validTtl, int notFoundTtl, int errorTtl) {
  /** Kong's defaults, and 30 s for answers. */
  public static final DnsSettings DEFAULTS = new DnsSettings(List.of("LAST", "SRV", "A", "CNAME"), 30, 30, 1);

  public DnsSettings {
    order = List.copyOf(order);
  }

  /**
   * The settings of {@code conf}.
   *
   * @throws io.silverback.core.conf.ConfException when a value is not a whole number
   */
  public static DnsSettings from(NodeConf conf) {
    List<String> order = conf.list("dns_order").stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
    int valid = conf.optional("dns_valid_ttl").isPresent() ? conf.integer("dns_valid_ttl") : DEFAULTS.validTtl();
    return new DnsSettings(order, valid, conf.integer("dns_not_found_ttl"), conf.integer("dns_error_ttl"));
  }
}
