/**
 * Kong's {@code acl} plugin (kong/plugins/acl/handler.lua, groups.lua): allows or denies the
 * authenticated consumer by the groups of its {@code acls} entities, or by the groups another
 * plugin authenticated ({@code authenticated_groups}).
 */
package io.silverback.gateway.plugins.acl;
