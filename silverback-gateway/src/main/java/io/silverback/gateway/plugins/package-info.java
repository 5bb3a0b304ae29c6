/**
 * The built-in plugins of a node, gathered by {@link io.silverback.gateway.plugins.BuiltInPlugins}
 * into the {@link io.silverback.gateway.plugin.PluginCatalog} the proxy runs. Each plugin lives in
 * its own sub-package ({@code plugins.keyauth}, {@code plugins.ratelimiting}) and mirrors the Kong
 * handler of the same name; the chain and its contract live in {@code gateway.plugin}, schemas and
 * validation in {@code core.plugin}. Helpers for Kong's response shapes live here.
 */
package io.silverback.gateway.plugins;
