/** Test helpers for the bundled plugins: validated plugin configs. */
package io.silverback.gateway.plugins.testing;
