/**
 * The DB-less store ({@code database = off}): {@link io.silverback.store.memory.MemoryStore} holds
 * one immutable {@link io.silverback.core.config.Config} and serves reads from indexes built once
 * per snapshot. It refuses single-entity writes, as Kong does; the whole config is replaced at once.
 *
 * <p>No persistence and no SQL live here: the declarative file is read by {@code core.declarative}.
 */
package io.silverback.store.memory;
