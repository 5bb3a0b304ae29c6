/** The {@code request-size-limiting} plugin: 413 for request bodies over the configured size. */
package io.silverback.gateway.plugins.requestsizelimiting;
