/**
 * What the logging plugins share: {@link io.silverback.gateway.plugins.log.LogSerializer}, Kong's
 * serialized request, and {@link io.silverback.gateway.plugins.log.CustomFields}. No I/O here.
 */
package io.silverback.gateway.plugins.log;
