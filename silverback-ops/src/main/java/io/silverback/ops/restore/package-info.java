/**
 * {@code backup restore}: the three ways back from a verified bundle, as Kong's upgrade guide
 * lists them. <em>native</em> loads the database dump ({@link io.silverback.ops.dump.DatabaseLoad});
 * <em>declarative</em> bootstraps or migrates a database and imports the declarative export in one
 * transaction; <em>dbless</em> writes the declarative file where {@code declarative_config} points
 * or posts it to a running DB-less node's {@code /config}. Every mode verifies the whole bundle
 * before it writes anything. Reading the bundle belongs to {@code io.silverback.ops.backup};
 * signalling running nodes (SIGHUP) belongs to the CLI.
 */
package io.silverback.ops.restore;
