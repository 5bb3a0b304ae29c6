/**
 * The proxy's plugin chain: the {@link io.silverback.gateway.plugin.GatewayPlugin} contract that
 * every built-in plugin implements, the {@link io.silverback.gateway.plugin.ProxyExchange} a
 * plugin sees of one request, and {@link io.silverback.gateway.plugin.PluginChain}, which resolves
 * which plugin configuration applies to a request (global, service, route, consumer and their
 * combinations, as Kong resolves them) and runs the phases in Kong's priority order.
 */
package io.silverback.gateway.plugin;
