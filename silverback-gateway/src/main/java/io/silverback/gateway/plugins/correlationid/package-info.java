/** The {@code correlation-id} plugin: a request id on the upstream request, in the log, and optionally echoed. */
package io.silverback.gateway.plugins.correlationid;
