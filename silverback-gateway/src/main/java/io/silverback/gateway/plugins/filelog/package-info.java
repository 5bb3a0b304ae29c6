/** The {@code file-log} plugin: Kong's serialized requests as JSON lines, written off the event loop. */
package io.silverback.gateway.plugins.filelog;
