/**
 * The migration guard: {@code migrations up} and {@code finish} run only when a verified backup
 * holds the data as it is now, because migrations cannot be undone. A departure from Kong, whose
 * upgrade guide asks the operator to back up by hand and checks nothing. Writing bundles belongs to
 * {@code io.silverback.ops.backup}; running the migrations to the store.
 */
package io.silverback.ops.guard;
