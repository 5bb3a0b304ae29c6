/**
 * Test fixtures for plugins: {@link io.silverback.gateway.plugin.testing.TestExchange}, a plain
 * {@link io.silverback.gateway.plugin.ProxyExchange} without a server, and helpers to build
 * snapshots from declarative text.
 */
package io.silverback.gateway.plugin.testing;
