/**
 * The immutable {@link io.silverback.core.config.Config} snapshot that the proxy reads and that
 * imports, exports and backups exchange. Data only: building one from a file is
 * {@code core.declarative}'s job.
 */
package io.silverback.core.config;
