/**
 * Kong's Admin API: the routes Kong generates for every entity, node information, schemas,
 * DB-less {@code /config}, and the one error boundary that renders Kong's error bodies and
 * statuses ({@link io.silverback.gateway.admin.Reply}, {@link io.silverback.gateway.admin.AdminStatus}).
 */
package io.silverback.gateway.admin;
