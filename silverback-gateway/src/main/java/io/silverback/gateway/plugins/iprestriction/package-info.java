/** The {@code ip-restriction} plugin: allow and deny lists of IPv4/IPv6 addresses and CIDR ranges. */
package io.silverback.gateway.plugins.iprestriction;
