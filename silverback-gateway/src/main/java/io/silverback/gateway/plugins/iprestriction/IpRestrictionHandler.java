package io.silverback.gateway.plugins.iprestriction;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.plugin.IpRestrictionPlugin;
import io.silverback.core.typedef.IpRanges;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.ProxyExchange;
import io.silverback.gateway.plugins.Compiled;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/**
 * Kong's {@code ip-restriction} (kong/plugins/ip-restriction/handler.lua): a client in {@code
 * deny}, or not in a non-empty {@code allow}, gets {@code status} (403) with {@code message}
 * ({@code IP address not allowed: <address>}). Deny is checked first.
 */
public final class IpRestrictionHandler implements GatewayPlugin {
  private static final System.Logger LOG = System.getLogger(IpRestrictionHandler.class.getName());
  private static final Compiled<Lists> LISTS = Compiled.per(IpRestrictionPlugin.NAME, Lists::of);

  private record Lists(IpRanges allow, IpRanges deny) {
    static Lists of(JsonNode config) {
      return new Lists(IpRanges.of(strings(config.path("allow"))), IpRanges.of(strings(config.path("deny"))));
    }
  }

  @Override
  public String name() {
    return IpRestrictionPlugin.NAME;
  }

  @Override
  public int priority() {
    return IpRestrictionPlugin.PRIORITY;
  }

  @Override
  public Future<Void> access(ProxyExchange exchange, JsonNode config) {
    Lists lists = LISTS.get(exchange, config);
    String ip = exchange.clientIp();
    boolean denied = !lists.deny.isEmpty() && lists.deny.contains(ip)
        || !lists.allow.isEmpty() && !lists.allow.contains(ip);
    if (denied) {
      String message = config.path("message").isTextual() ? config.get("message").textValue()
          : "IP address not allowed: " + ip;
      LOG.log(System.Logger.Level.WARNING, message);
      exchange.exit(config.path("status").isNumber() ? config.get("status").asInt() : 403, message);
    }
    return Future.succeededFuture();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
