package io.silverback.core.conf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kong's {@code *_listen} syntax ({@code kong/conf_loader/listeners.lua}, {@code parse_listeners}):
 * comma-separated {@code host:port [flag]...} entries, or {@code off} first for none. Hosts are
 * IPv4, bracketed IPv6 or names. {@code proxy_listen} and {@code admin_listen} take Kong's
 * http-subsystem flags; {@code stream_listen} takes the stream ones, which add {@code udp} and
 * drop {@code http2} and {@code deferred}.
 */
final class ListenSyntax {
  private static final Pattern ADDRESS = Pattern.compile("^(\\[[0-9A-Fa-f:.]+]|[^\\s:\\[\\]]+):(\\d{1,5})$");
  private static final String COMMON_FLAGS = "ssl|proxy_protocol|bind|reuseport"
      + "|backlog=\\d+|ipv6only=(on|off)|so_keepalive=(on|off|\\w*:\\w*:\\d*)";
  private static final Pattern FLAG = Pattern.compile(COMMON_FLAGS + "|http2|deferred");
  private static final Pattern STREAM_FLAG = Pattern.compile(COMMON_FLAGS + "|udp");

  /** Kong's message for a value that does not parse. */
  static final String USAGE = "must be of form: [off] | <ip>:<port> [ssl] [http2] [proxy_protocol] [deferred]"
      + " [bind] [reuseport] [backlog=%d+] [ipv6only=on] [ipv6only=off] [so_keepalive=on] [so_keepalive=off]"
      + " [so_keepalive=%w*:%w*:%d*], [... next entry ...]";

  /** Kong's message for a {@code stream_listen} value that does not parse. */
  static final String STREAM_USAGE = "must be of form: [off] | <ip>:<port> [ssl] [proxy_protocol] [udp]"
      + " [bind] [reuseport] [backlog=%d+] [ipv6only=on] [ipv6only=off] [so_keepalive=on] [so_keepalive=off]"
      + " [so_keepalive=%w*:%w*:%d*], [... next entry ...]";

  private ListenSyntax() {}

  /** The listeners of {@code value}, empty for {@code off}; empty Optional when it does not parse. */
  static Optional<List<Listener>> parse(String value) {
    return parse(value, FLAG);
  }

  /** As {@link #parse(String)} with the stream subsystem's flags ({@code stream_listen}). */
  static Optional<List<Listener>> parseStream(String value) {
    return parse(value, STREAM_FLAG);
  }

  /** The usage message of {@code key}'s syntax. */
  static String usage(String key) {
    return key.equals("stream_listen") ? STREAM_USAGE : USAGE;
  }

  /** The listeners of {@code key}'s {@code value}, with the flags its subsystem takes. */
  static Optional<List<Listener>> parse(String key, String value) {
    return key.equals("stream_listen") ? parseStream(value) : parse(value);
  }

  private static Optional<List<Listener>> parse(String value, Pattern flag) {
    String[] entries = value.split(",", -1);
    if (entries[0].strip().equals("off")) {
      return Optional.of(List.of());
    }
    List<Listener> listeners = new ArrayList<>();
    for (String entry : entries) {
      Optional<Listener> listener = entry(entry.strip(), flag);
      if (listener.isEmpty()) {
        return Optional.empty();
      }
      listeners.add(listener.get());
    }
    return Optional.of(List.copyOf(listeners));
  }

  private static Optional<Listener> entry(String entry, Pattern flag) {
    String[] words = entry.split("\\s+");
    Matcher address = ADDRESS.matcher(words[0]);
    if (!address.matches()) {
      return Optional.empty();
    }
    int port = Integer.parseInt(address.group(2));
    if (port > 65535) {
      return Optional.empty();
    }
    Set<String> flags = new LinkedHashSet<>();
    for (int i = 1; i < words.length; i++) {
      if (!flag.matcher(words[i]).matches()) {
        return Optional.empty();
      }
      flags.add(words[i]);
    }
    String host = address.group(1).replaceAll("^\\[|]$", "");
    return Optional.of(new Listener(host, port, flags));
  }
}
