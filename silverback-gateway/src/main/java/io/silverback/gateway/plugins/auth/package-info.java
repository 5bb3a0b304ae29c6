/**
 * What Kong's auth plugins share: the logical AND/OR flow around one authentication attempt
 * ({@code anonymous}, {@code run_on_preflight}), the consumer lookups and credential indexes built
 * once per snapshot, and the 401 replies with {@code WWW-Authenticate}. No plugin lives here; each
 * has its own package ({@code plugins.keyauth}, {@code plugins.jwt}, ...).
 */
package io.silverback.gateway.plugins.auth;
