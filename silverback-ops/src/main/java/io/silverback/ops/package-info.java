/**
 * Placeholder for the Silverback ops module; its issue has not come yet.
 *
 * <p>See ARCHITECTURE.md for what will live here.
 */
package io.silverback.ops;
