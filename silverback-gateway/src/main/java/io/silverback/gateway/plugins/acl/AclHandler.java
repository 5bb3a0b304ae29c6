package io.silverback.gateway.plugins.acl;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.config.Entity;
import io.silverback.core.plugin.AclPlugin;
import io.silverback.gateway.plugin.GatewayPlugin;
import io.silverback.gateway.plugin.ProxyExchange;
import io.silverback.gateway.plugins.auth.Replies;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kong's {@code acl}: with {@code allow}, the consumer must be in one of the groups; with {@code
 * deny}, in none. A consumer that passes gets its groups upstream in {@code X-Consumer-Groups}
 * ({@code X-Authenticated-Groups} for groups another plugin authenticated) unless {@code
 * hide_groups_header}. 403 {@code You cannot consume this service} for a blocked consumer, 401 when
 * no consumer was authenticated.
 */
public final class AclHandler implements GatewayPlugin {
  /** The {@link ProxyExchange#ctx()} key of groups another plugin authenticated (a {@code List<String>}). */
  public static final String AUTHENTICATED_GROUPS = "authenticated_groups";
  static final String FORBIDDEN = "You cannot consume this service";

  @Override
  public String name() {
    return AclPlugin.NAME;
  }

  @Override
  public int priority() {
    return AclPlugin.PRIORITY;
  }

  @Override
  public Future<Void> access(ProxyExchange ex, JsonNode config) {
    boolean deny = config.path("deny").isArray() && !config.get("deny").isEmpty();
    Set<String> listed = new HashSet<>();
    config.path(deny ? "deny" : "allow").forEach(g -> listed.add(g.asText()));
    Entity consumer = ex.consumer();
    List<String> authenticated = authenticatedGroups(ex);
    boolean useAuthenticated = authenticated != null
        && (consumer == null || ex.credential() == null || config.path("always_use_authenticated_groups").asBoolean());
    List<String> groups;
    if (useAuthenticated) {
      groups = authenticated;
    } else if (consumer == null) {
      return refuse(ex);
    } else {
      groups = ex.view(ConsumerGroups.VIEW).getOrDefault(consumer.id(), List.of());
      if (groups.isEmpty() && !deny) {
        return refuse(ex);
      }
    }
    boolean inGroup = groups.stream().anyMatch(listed::contains);
    if (deny == inGroup) {
      Replies.send(ex, 403, Replies.message(FORBIDDEN), null);
    } else if (!config.path("hide_groups_header").asBoolean(false)) {
      ex.upstreamHeaders().set(useAuthenticated ? "X-Authenticated-Groups" : "X-Consumer-Groups",
          String.join(", ", groups));
    }
    return Future.succeededFuture();
  }

  private static Future<Void> refuse(ProxyExchange ex) {
    if (ex.credential() != null) {
      Replies.send(ex, 403, Replies.message(FORBIDDEN), null);
    } else {
      Replies.send(ex, 401, Replies.message("Unauthorized"), null);
    }
    return Future.succeededFuture();
  }

  private static List<String> authenticatedGroups(ProxyExchange ex) {
    Object groups = ex.ctx().get(AUTHENTICATED_GROUPS);
    if (!(groups instanceof List<?> list)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    list.forEach(g -> out.add(String.valueOf(g)));
    return out;
  }
}
