package io.silverback.core.conf;

/**
 * One effective value and where it came from ({@code default}, {@code /etc/x.conf:12}, {@code env
 * SILVERBACK_PG_PORT}, {@code flag --pg-port}).
 */
record Setting(String value, String source) {}
