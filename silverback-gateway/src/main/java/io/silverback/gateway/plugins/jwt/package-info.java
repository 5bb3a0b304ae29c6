/**
 * Kong's {@code jwt} plugin (kong/plugins/jwt/handler.lua, jwt_parser.lua): a JSON Web Token from
 * the query, a cookie or a {@code Bearer} header names a {@code jwt_secrets} credential by its
 * {@code iss} (or {@code key_claim_name}) claim; the signature is checked with the JDK's crypto
 * (HMAC, RSA, RSA-PSS, ECDSA, EdDSA) and {@code exp}/{@code nbf} as configured.
 */
package io.silverback.gateway.plugins.jwt;
