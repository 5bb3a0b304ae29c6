/**
 * Test support shared with other modules through silverback-store's test-jar: {@link
 * io.silverback.store.testing.TestDatabase}, a fresh real PostgreSQL database per test class.
 * Nothing here mocks the database.
 */
package io.silverback.store.testing;
