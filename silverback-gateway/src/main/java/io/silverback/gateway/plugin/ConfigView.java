package io.silverback.gateway.plugin;

import io.silverback.core.config.Config;
import java.util.Objects;
import java.util.function.Function;

/**
 * Something a plugin derives from a whole {@link Config} once per snapshot, such as an index of
 * key-auth credentials by key. Declare one as a constant; {@link ProxyExchange#view} builds it on
 * first use for each snapshot and then returns the same value to every request served from it.
 *
 * @param name what the view holds, for error messages
 * @param build builds the view; must be pure and thread-safe
 * @param <T> the view's type (immutable)
 */
public record ConfigView<T>(String name, Function<Config, T> build) {
  public ConfigView {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(build, "build");
  }
}
