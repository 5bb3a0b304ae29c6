/**
 * Kong's {@code basic-auth} plugin (kong/plugins/basic-auth/access.lua): a username and password in
 * {@code Proxy-Authorization} or {@code Authorization}, checked against the salted SHA-1 that
 * {@code basicauth_credentials} stores.
 */
package io.silverback.gateway.plugins.basicauth;
