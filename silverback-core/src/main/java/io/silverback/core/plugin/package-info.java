/**
 * The configuration schemas of the plugins Silverback ships, with their names, versions and
 * priorities, gathered in a {@link io.silverback.core.plugin.PluginRegistry}. Schemas only: the
 * plugins' request-time behaviour lives in the gateway module.
 */
package io.silverback.core.plugin;
