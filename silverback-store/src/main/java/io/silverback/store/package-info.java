/**
 * Where entities are kept: the {@link io.silverback.store.Store} contract, Kong's DAO errors
 * ({@link io.silverback.store.StoreErrors}), the value types of listings and the change feed, and
 * the nodes' {@link io.silverback.store.ClusterEvents}.
 * The PostgreSQL store lives in {@code pg}, the DB-less store in {@code memory}.
 *
 * <p>Only the store writes SQL; nothing here knows about HTTP or the CLI.
 */
package io.silverback.store;
