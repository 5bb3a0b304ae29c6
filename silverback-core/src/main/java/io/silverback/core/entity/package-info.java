/**
 * Kong's entity schemas (services, routes, consumers, plugins, upstreams, targets, certificates,
 * snis, ca_certificates, vaults, keys, key_sets, parameters and the auth plugins' credentials),
 * their shared typedefs, and the {@link io.silverback.core.entity.EntityRegistry} that orders
 * them. Schemas only: no storage, no validation mechanism (that is {@code core.schema}).
 */
package io.silverback.core.entity;
