/**
 * Kong's {@code key-auth} plugin (kong/plugins/key-auth/handler.lua): an API key in a header, the
 * query string or the body names a {@code keyauth_credentials} entity and so its consumer.
 */
package io.silverback.gateway.plugins.keyauth;
