/**
 * The {@link io.silverback.core.config.Config} snapshot the proxy serves from, held in one atomic
 * reference and rebuilt off the request path when the store changes
 * ({@link io.silverback.gateway.snapshot.ConfigWatcher}). Nothing here serves HTTP or writes to
 * the store.
 */
package io.silverback.gateway.snapshot;
