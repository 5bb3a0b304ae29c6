/** The {@code request-termination} plugin: fixed answers without calling the upstream, or an echo of the request. */
package io.silverback.gateway.plugins.requesttermination;
