/**
 * The {@code silverback} command line: a picocli command tree mirroring Kong's {@code kong} verbs
 * ({@code start}, {@code stop}, {@code reload}, {@code health}, {@code config parse}, {@code version}, ...). Commands parse arguments, call the modules and
 * print; they hold no logic of their own beyond choosing output shapes and exit codes.
 */
package io.silverback.cli;
