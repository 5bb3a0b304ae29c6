package io.silverback.gateway.balancer;

import io.silverback.core.config.Config;
import io.silverback.core.declarative.DeclarativeConfigParser;
import io.silverback.core.entity.EntityRegistry;
import java.util.HashMap;
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
    return new Request(null, null, headers, Map.of(), null, new HashMap<>());
  }

  /** A request from client {@code ip}. */
  static HashInput ip(String ip) {
    return new Request(null, ip, Map.of(), Map.of(), null, new HashMap<>());
  }

  static Request none() {
    return new Request(null, null, Map.of(), Map.of(), null, new HashMap<>());
  }

  static final Set<Peer> NONE_TRIED = Set.of();

  /** A request as the hashing sees it; cookies the balancer asks to set land in {@code setCookies}. */
  record Request(String consumerId, String clientIp, Map<String, String> headers, Map<String, String> cookies,
      String path, Map<String, String> setCookies) implements HashInput {
    @Override
    public String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String cookie(String name) {
      return cookies.get(name);
    }

    @Override
    public void hashCookie(String name, String value, String path) {
      setCookies.put(name, value + ";" + path);
    }
  }
}
