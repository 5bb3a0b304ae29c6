package io.silverback.gateway.balancer;

import java.util.List;
import java.util.Optional;

/**
 * What this node's balancer knows of one upstream's health, for {@code GET
 * /upstreams/{upstream}/health} (Kong's {@code get_upstream_health} and
 * {@code get_balancer_health}).
 *
 * @param upstreamId the upstream's id
 * @param checked whether the upstream runs health checks
 * @param healthy whether enough weight is healthy ({@code healthchecks.threshold})
 * @param totalWeight the weight of all targets
 * @param unavailableWeight the weight of the unhealthy ones
 * @param targets every target in the balancer, weight 0 included
 */
public record UpstreamHealth(String upstreamId, boolean checked, boolean healthy, int totalWeight,
    int unavailableWeight, List<Target> targets) {
  public UpstreamHealth {
    targets = List.copyOf(targets);
  }

  /**
   * One target (Kong's {@code getTargetStatus}).
   *
   * @param target the target's {@code target} field ({@code host:port})
   * @param host its host as written
   * @param port its port
   * @param weight its weight
   * @param addresses its addresses: one for an IP, one per A record of a name, none when the name did not resolve
   */
  public record Target(String target, String host, int port, int weight, List<AddressHealth> addresses) {
    public Target {
      addresses = List.copyOf(addresses);
    }

    /** {@code DNS_ERROR} without addresses; else healthy if any address is, unhealthy if any is, else off (Kong's rule). */
    public Health health() {
      if (addresses.isEmpty()) {
        return Health.DNS_ERROR;
      }
      Health h = Health.HEALTHCHECKS_OFF;
      for (AddressHealth a : addresses) {
        if (a.health() == Health.HEALTHY) {
          return Health.HEALTHY;
        }
        if (a.health() == Health.UNHEALTHY) {
          h = Health.UNHEALTHY;
        }
      }
      return h;
    }

    /** The weight of the addresses that are not unhealthy. */
    public int availableWeight() {
      return addresses.stream().filter(a -> a.health() != Health.UNHEALTHY).mapToInt(AddressHealth::weight).sum();
    }
  }

  /**
   * One address of a target.
   *
   * @param ip the address's IP
   * @param port its port
   * @param weight its weight
   * @param health its health
   */
  public record AddressHealth(String ip, int port, int weight, Health health) {}

  /** The target whose {@code target} field is {@code target}. */
  public Optional<Target> target(String target) {
    return targets.stream().filter(t -> t.target().equals(target)).findFirst();
  }
}
