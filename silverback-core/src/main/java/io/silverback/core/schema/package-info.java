/**
 * The schema engine: Kong's schema language in Java. {@link io.silverback.core.schema.Field}
 * definitions with types, defaults and validators, {@link io.silverback.core.schema.RecordSchema}
 * and {@link io.silverback.core.schema.EntitySchema} with entity checks, shorthands and
 * subschemas, and the {@link io.silverback.core.schema.SchemaValidator} that checks a record and
 * reports an {@link io.silverback.core.schema.ErrorTree} with Kong's message texts.
 *
 * <p>Only the mechanism lives here: the entities themselves are in {@code core.entity}, the
 * plugins in {@code core.plugin}, the declarative format in {@code core.declarative}.
 */
package io.silverback.core.schema;
