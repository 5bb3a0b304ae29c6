/**
 * Placeholder for the Silverback store module; its issue has not come yet.
 *
 * <p>See ARCHITECTURE.md for what will live here.
 */
package io.silverback.store;
