/**
 * Silverback's heart: entity schemas and validation, the declarative format and the immutable
 * {@code Config} snapshot. No network, no database, no threads.
 */
package io.silverback.core;
