/**
 * Silverback's bundled plugins, one package per plugin ({@code plugins.ratelimiting}, {@code
 * plugins.cors}, ...), each a {@link io.silverback.gateway.plugin.GatewayPlugin} that mirrors the
 * Kong handler of the same name; the {@code BuiltInPlugins} catalog lists them. Shared helpers
 * for Kong's response shapes live here; schemas and validation live in {@code core.plugin}.
 */
package io.silverback.gateway.plugins;
