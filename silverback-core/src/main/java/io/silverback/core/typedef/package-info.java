/**
 * Kong's typedef validators ({@code kong/db/schema/typedefs.lua}) and the helpers they rest on
 * ({@code kong/tools/ip.lua}, {@code kong/tools/uri.lua}, {@code kong/tools/http.lua}), as pure
 * functions: a value goes in, Kong's exact error message (or nothing) comes out, and the same
 * strings are accepted and rejected as in Kong 3.10.
 *
 * <p>Checks return {@code Optional<String>}: empty when the value is valid, otherwise Kong's
 * message. They mirror only the typedef's own rules; the generic field rules the schema engine
 * applies first (type check, {@code len_min = 1} for strings, which yields
 * {@code length must be at least 1}) are not repeated here.
 *
 * <p>Must not live here: schema engine state, entity knowledge, configuration, caches or I/O.
 * Checks run for every host and path of large configurations, so they use hand-written scanners
 * and throw no exceptions on valid input; only {@link io.silverback.core.typedef.Regexes} compiles
 * a {@code java.util.regex.Pattern}, the user's route regex, by nature.
 */
package io.silverback.core.typedef;
