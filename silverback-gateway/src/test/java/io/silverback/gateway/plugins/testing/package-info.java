/** Test doubles for the bundled plugins: a field-backed exchange and validated plugin configs. */
package io.silverback.gateway.plugins.testing;
