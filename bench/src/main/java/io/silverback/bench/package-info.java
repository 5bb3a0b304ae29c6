/**
 * Runnable benchmark harnesses. They are built with the project but run only by hand
 * (see {@code bench/README.md}); their numbers go to {@code bench/RESULTS.md}.
 */
package io.silverback.bench;
