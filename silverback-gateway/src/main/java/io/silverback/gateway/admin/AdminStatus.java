package io.silverback.gateway.admin;

import io.silverback.store.KongError;

/**
 * The HTTP status of each Kong DAO error on the Admin API ({@code kong/api/endpoints.lua}
 * {@code ERRORS_HTTP_CODES}; see {@code ../shared/kong/declarative.md} §3.1); unmapped codes are 500,
 * as in Kong.
 */
public final class AdminStatus {
  private AdminStatus() {}

  public static int of(KongError error) {
    return switch (error) {
      case INVALID_PRIMARY_KEY, SCHEMA_VIOLATION, PRIMARY_KEY_VIOLATION, FOREIGN_KEY_VIOLATION, INVALID_OFFSET,
          INVALID_SIZE, INVALID_UNIQUE, INVALID_OPTIONS, FOREIGN_KEYS_UNRESOLVED, DECLARATIVE_CONFIG,
          REFERENCED_BY_OTHERS -> 400;
      case UNIQUE_VIOLATION -> 409;
      case NOT_FOUND -> 404;
      case OPERATION_UNSUPPORTED -> 405;
      case DATABASE_ERROR, TRANSFORMATION_ERROR, INVALID_FOREIGN_KEY, INVALID_WORKSPACE, INVALID_UNIQUE_GLOBAL,
          INVALID_SEARCH_QUERY -> 500;
    };
  }
}
