/** The {@code http-log} plugin: Kong's serialized requests, batched and sent to a log server with retries. */
package io.silverback.gateway.plugins.httplog;
