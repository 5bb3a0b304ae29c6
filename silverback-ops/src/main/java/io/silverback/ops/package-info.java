/**
 * The configuration lifecycle: declarative import and export of a store ({@code config}), and the
 * file handling they share ({@code files}). Backup, restore and the migration guard come here
 * too. Commands call into this module; it never parses command lines or prints.
 */
package io.silverback.ops;
