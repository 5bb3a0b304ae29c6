/**
 * Declarative import into and export out of a store: {@code config db_import} and
 * {@code config db_export}. Parsing and writing the format belong to core; this package decides
 * what is read, checked and written, and in which transaction.
 */
package io.silverback.ops.config;
