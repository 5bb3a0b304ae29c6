package io.silverback.gateway.proxy;

import io.silverback.core.config.Entity;

/**
 * A route's proxy settings, decoded from its entity once per snapshot.
 *
 * @param stripPath Kong's {@code strip_path}
 * @param preserveHost Kong's {@code preserve_host}: send the client's Host upstream
 * @param httpsRedirectStatus Kong's {@code https_redirect_status_code} (426 answers without a redirect)
 */
record RouteSettings(boolean stripPath, boolean preserveHost, int httpsRedirectStatus) {
  static final RouteSettings DEFAULTS = new RouteSettings(true, false, 426);

  static RouteSettings of(Entity route) {
    return new RouteSettings(route.get("strip_path").asBoolean(true), route.get("preserve_host").asBoolean(false),
        route.get("https_redirect_status_code").asInt(426));
  }
}
