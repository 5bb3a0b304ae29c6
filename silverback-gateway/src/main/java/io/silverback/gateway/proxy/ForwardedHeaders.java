package io.silverback.gateway.proxy;

import io.vertx.core.MultiMap;

/**
 * The {@code X-Forwarded-*} headers of a request from a trusted proxy ({@code trusted_ips}), as
 * Kong's access phase treats them ({@code kong/runloop/handler.lua}): the client's {@code
 * X-Forwarded-Proto}, {@code -Host}, {@code -Port}, {@code -Path} and {@code -Prefix} are kept
 * where it sent them (each one it did not send is this hop's, as for anyone), and {@code
 * X-Forwarded-For} gets the trusted proxy's own address appended ({@code $realip_remote_addr}),
 * not the client address it named. An {@code X-Forwarded-Proto: https} from a trusted proxy
 * also satisfies a route that only accepts https.
 */
final class ForwardedHeaders {
  private static final CharSequence[] KEPT = {UpstreamHeaders.X_FORWARDED_PROTO, UpstreamHeaders.X_FORWARDED_HOST,
      UpstreamHeaders.X_FORWARDED_PORT, UpstreamHeaders.X_FORWARDED_PATH, UpstreamHeaders.X_FORWARDED_PREFIX};

  private ForwardedHeaders() {}

  /** Overrides this hop's values in {@code out} with the ones the trusted {@code client} sent in {@code in}. */
  static void keep(MultiMap in, RealIp.Client client, MultiMap out) {
    for (CharSequence name : KEPT) {
      String value = in.get(name);
      if (value != null) {
        out.set(name, value);
      }
    }
    String xff = in.get(UpstreamHeaders.X_FORWARDED_FOR);
    if (xff != null) {
      out.set(UpstreamHeaders.X_FORWARDED_FOR, xff + ", " + client.remote());
    }
  }

  /** Whether a trusted proxy says the client used https (Kong's {@code forwarded_proto}). */
  static boolean httpsByTrustedProxy(RealIp.Client client, MultiMap in) {
    return client.trusted() && "https".equals(in.get(UpstreamHeaders.X_FORWARDED_PROTO));
  }
}
