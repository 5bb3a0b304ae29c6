/**
 * The node configuration: {@link io.silverback.core.conf.NodeConf}, read from Kong's {@code
 * kong.conf} syntax with built-in defaults, a configuration file, the environment and
 * command-line flags, in that order of precedence. Every known key and its default is documented
 * in one reference file, the resource {@code silverback.conf.default} next to these classes.
 *
 * <p>Nothing here opens a connection or starts a server; the store and the gateway read the values.
 */
package io.silverback.core.conf;
