/**
 * Kong's {@code hmac-auth} plugin (kong/plugins/hmac-auth/access.lua): an HTTP signature
 * ({@code hmac username="...", algorithm="...", headers="...", signature="..."}) over the listed
 * headers, checked with the {@code hmacauth_credentials} secret, a {@code Date}/{@code X-Date}
 * within {@code clock_skew}, and optionally the body's {@code Digest}.
 */
package io.silverback.gateway.plugins.hmacauth;
