package io.silverback.gateway.balancer;

import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import java.util.Map;
import java.util.Set;

/** Snapshots and requests for balancer tests. */
final class Configs {
  private static final DeclarativeConfigParser PARSER = DeclarativeConfigParser.of(EntityRegistry.standard());

  private Configs() {}

  /** The snapshot of a declarative document (format 3.0 is prepended). */
  static Config yaml(String body) {
    return PARSER.parseString("_format_version: \"3.0\"\n" + body).orThrow().config();
  }

  /** A request with the given header values (lower-case names) and nothing else. */
  static HashInput headers(Map<String, String> headers) {
    return new Request(null, null, headers, Map.of(), null);
  }

  /** A request from client {@code ip}. */
  static HashInput ip(String ip) {
    return new Request(null, ip, Map.of(), Map.of(), null);
  }

  static HashInput none() {
    return new Request(null, null, Map.of(), Map.of(), null);
  }

  static final Set<Peer> NONE_TRIED = Set.of();

  /** A request as the hashing sees it. */
  record Request(String consumerId, String clientIp, Map<String, String> headers, Map<String, String> cookies,
      String path) implements HashInput {
    @Override
    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String cookie(String name) {
      return cookies.get(name);
    }

    @Override
    public String queryArg(String name) {
      return null;
    }

    @Override
    public String uriCapture(String name) {
      return null;
    }
  }
}
