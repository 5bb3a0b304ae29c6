/**
 * The built-in plugins of a node, gathered by {@link io.silverback.gateway.plugins.BuiltInPlugins}
 * into the {@link io.silverback.gateway.plugin.PluginCatalog} the proxy runs. Each plugin lives in
 * its own sub-package ({@code plugins.keyauth}); the chain and its contract live in
 * {@code gateway.plugin}.
 */
package io.silverback.gateway.plugins;
