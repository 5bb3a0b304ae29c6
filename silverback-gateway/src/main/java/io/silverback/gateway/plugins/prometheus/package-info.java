/** The {@code prometheus} plugin: Kong's request, latency and bandwidth metrics in a Micrometer Prometheus registry. */
package io.silverback.gateway.plugins.prometheus;
