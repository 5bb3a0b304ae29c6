package io.silverback.store;

/**
 * Kong's DAO error codes ({@code kong/db/errors.lua}), with the names Kong puts in the {@code name}
 * field of an error body. The Admin API maps them to HTTP statuses.
 */
public enum KongError {
  INVALID_PRIMARY_KEY(1, "invalid primary key"),
  SCHEMA_VIOLATION(2, "schema violation"),
  PRIMARY_KEY_VIOLATION(3, "primary key violation"),
  FOREIGN_KEY_VIOLATION(4, "foreign key violation"),
  UNIQUE_VIOLATION(5, "unique constraint violation"),
  NOT_FOUND(6, "not found"),
  INVALID_OFFSET(7, "invalid offset"),
  DATABASE_ERROR(8, "database error"),
  INVALID_SIZE(9, "invalid size"),
  INVALID_UNIQUE(10, "invalid unique %s"),
  INVALID_OPTIONS(11, "invalid options"),
  OPERATION_UNSUPPORTED(12, "operation unsupported"),
  FOREIGN_KEYS_UNRESOLVED(13, "foreign keys unresolved"),
  DECLARATIVE_CONFIG(14, "invalid declarative configuration"),
  TRANSFORMATION_ERROR(15, "transformation error"),
  INVALID_FOREIGN_KEY(16, "invalid foreign key"),
  INVALID_WORKSPACE(17, "invalid workspace"),
  INVALID_UNIQUE_GLOBAL(18, "invalid global query"),
  REFERENCED_BY_OTHERS(19, "referenced by others"),
  INVALID_SEARCH_QUERY(20, "invalid search query");

  private final int code;
  private final String kongName;

  KongError(int code, String kongName) {
    this.code = code;
    this.kongName = kongName;
  }

  /** Kong's numeric code. */
  public int code() {
    return code;
  }

  /** Kong's name for the error, as in the {@code name} field of an Admin API error body. */
  public String kongName() {
    return kongName;
  }
}
