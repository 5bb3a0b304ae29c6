/**
 * The store of {@code database = postgres}: {@link io.silverback.store.pg.PostgresStore} (one
 * table per entity, COPY bulk load and dump, LISTEN/NOTIFY change feed and cluster events), its Flyway
 * {@link io.silverback.store.pg.Migrations}, connection settings and pools, and the embedded
 * PostgreSQL server that backs it when no {@code pg_host} is configured
 * ({@link io.silverback.store.pg.EmbeddedDatabase}, data kept under the prefix).
 *
 * <p>All of Silverback's SQL lives here; nothing here parses command lines or talks HTTP.
 */
package io.silverback.store.pg;
