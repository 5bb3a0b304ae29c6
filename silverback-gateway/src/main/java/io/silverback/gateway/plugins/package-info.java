/**
 * The built-in plugins, one package per plugin by Kong's name ({@code keyauth}, {@code jwt}, ...),
 * what the auth plugins share ({@code auth}), and {@link io.silverback.gateway.plugins.BuiltInPlugins},
 * the catalog a node runs.
 */
package io.silverback.gateway.plugins;
