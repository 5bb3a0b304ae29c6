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
 * IPv4, bracketed IPv6 or names; flags are Kong's http-subsystem flags.
 */
final class ListenSyntax {
  private static final Pattern ADDRESS = Pattern.compile("^(\\[[0-9A-Fa-f:.]+]|[^\\s:\\[\\]]+):(\\d{1,5})$");
  private static final Pattern FLAG = Pattern.compile("ssl|http2|proxy_protocol|deferred|bind|reuseport"
      + "|backlog=\\d+|ipv6only=(on|off)|so_keepalive=(on|off|\\w*:\\w*:\\d*)");

  /** Kong's message for a value that does not parse. */
  static final String USAGE = "must be of form: [off] | <ip>:<port> [ssl] [http2] [proxy_protocol] [deferred]"
      + " [bind] [reuseport] [backlog=%d+] [ipv6only=on] [ipv6only=off] [so_keepalive=on] [so_keepalive=off]"
      + " [so_keepalive=%w*:%w*:%d*], [... next entry ...]";

  private ListenSyntax() {}

  /** The listeners of {@code value}, empty for {@code off}; empty Optional when it does not parse. */
  static Optional<List<Listener>> parse(String value) {
    String[] entries = value.split(",", -1);
    if (entries[0].strip().equals("off")) {
      return Optional.of(List.of());
    }
    List<Listener> listeners = new ArrayList<>();
    for (String entry : entries) {
      Optional<Listener> listener = entry(entry.strip());
      if (listener.isEmpty()) {
        return Optional.empty();
      }
      listeners.add(listener.get());
    }
    return Optional.of(List.copyOf(listeners));
  }

  private static Optional<Listener> entry(String entry) {
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
      if (!FLAG.matcher(words[i]).matches()) {
        return Optional.empty();
      }
      flags.add(words[i]);
    }
    String host = address.group(1).replaceAll("^\\[|]$", "");
    return Optional.of(new Listener(host, port, flags));
  }
}
