/**
 * Kong's declarative configuration format: reading JSON and YAML, the 1.1/2.1 to 3.0 migration,
 * validation with nesting, Kong's deterministic ids, reference resolution and flattening into a
 * {@link io.silverback.core.config.Config} ({@link
 * io.silverback.core.declarative.DeclarativeConfigParser}), Kong's error shapes ({@link
 * io.silverback.core.declarative.DeclarativeErrors}), and the deterministic writer ({@link
 * io.silverback.core.declarative.DeclarativeWriter}). No I/O beyond reading the given file.
 */
package io.silverback.core.declarative;
