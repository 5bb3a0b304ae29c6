package io.silverback.gateway.plugins.cors;

import com.fasterxml.jackson.databind.JsonNode;
import io.silverback.core.typedef.CompiledRegex;
import io.silverback.core.typedef.Regexes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code origins} of one cors configuration, compiled as Kong caches them per
 * configuration: a literal origin compares normalized, anything else is a regex, anchored at
 * both ends (Kong 0.x left them unanchored; a user's own {@code ^} and {@code $} are kept
 * meaningful), matched against the host alone when it has no {@code :}, else against the whole
 * origin.
 */
final class AllowedOrigins {
  private static final Pattern LITERAL = Pattern.compile("^[A-Za-z0-9.:/-]+$");

  private record Entry(Origin literal, Pattern regex, boolean byHost) {}

  private final List<String> configured;
  private final List<Entry> entries;
  private final boolean any;

  private AllowedOrigins(List<String> configured, List<Entry> entries, boolean any) {
    this.configured = configured;
    this.entries = entries;
    this.any = any;
  }

  static AllowedOrigins of(JsonNode config) {
    List<String> configured = new ArrayList<>();
    config.path("origins").forEach(o -> configured.add(o.asText()));
    List<Entry> entries = new ArrayList<>();
    boolean any = configured.contains("*");
    for (String origin : configured) {
      boolean byHost = origin.indexOf(':') < 0;
      if (LITERAL.matcher(origin).matches()) {
        entries.add(new Entry(Origin.parse(origin), null, byHost));
      } else {
        String anchored = origin.endsWith("$") ? origin : origin + "$";
        anchored = anchored.startsWith("^") ? anchored.substring(1) : anchored;
        Optional<CompiledRegex> regex = Regexes.compile(anchored);
        regex.ifPresent(r -> entries.add(new Entry(null, r.pattern(), byHost)));
      }
    }
    return new AllowedOrigins(List.copyOf(configured), List.copyOf(entries), any);
  }

  /** No origins, or only {@code *}: every origin is allowed with {@code *}. */
  boolean allowsAll() {
    return configured.isEmpty() || configured.size() == 1 && configured.get(0).equals("*");
  }

  /** One origin that is not a regex: sent as it is, whatever the request's origin. */
  Optional<String> single() {
    return configured.size() == 1 && LITERAL.matcher(configured.get(0)).matches()
        ? Optional.of(configured.get(0)) : Optional.empty();
  }

  /** {@code *} among several origins. */
  boolean containsAny() {
    return any;
  }

  /** The normalized request origin when an entry allows it. */
  Optional<String> match(String requestOrigin) {
    Origin req = Origin.parse(requestOrigin);
    for (Entry e : entries) {
      boolean found = e.regex != null
          ? e.regex.matcher(e.byHost ? req.host() : req.domain()).lookingAt()
          : e.literal.domain().equals(req.domain());
      if (found) {
        return Optional.of(req.domain());
      }
    }
    return Optional.empty();
  }
}
