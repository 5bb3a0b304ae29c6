/**
 * Test support shared with the other modules through core's test-jar: generators of valid
 * declarative documents. Nothing here is shipped.
 */
package io.silverback.core.testing;
