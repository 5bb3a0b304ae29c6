/**
 * Writing files that must never be seen half-written: exports and, later, backup bundles.
 * Nothing here knows what the bytes mean.
 */
package io.silverback.ops.files;
