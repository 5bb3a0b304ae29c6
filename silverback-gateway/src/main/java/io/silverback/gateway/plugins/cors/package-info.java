/** The {@code cors} plugin: preflight answers and allow headers, origins compiled once per snapshot. */
package io.silverback.gateway.plugins.cors;
