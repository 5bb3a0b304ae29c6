package io.silverback.gateway.admin;

/**
 * A request the Admin API refuses with a reply of its own (Kong's {@code kong.response.exit}
 * outside the DAO): malformed JSON, an unsupported content type, a missing entity.
 */
public final class AdminException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Reply reply;

  public AdminException(Reply reply) {
    super(reply.body() == null ? "status " + reply.status() : reply.body().toString());
    this.reply = reply;
  }

  /** Kong's {@code {"message": ...}} with {@code status}. */
  public static AdminException of(int status, String message) {
    return new AdminException(Reply.message(status, message));
  }

  /** {@code 404 {"message":"Not found"}}. */
  public static AdminException notFound() {
    return of(404, "Not found");
  }

  /** {@code 405 {"message":"Method not allowed"}}. */
  public static AdminException methodNotAllowed() {
    return of(405, "Method not allowed");
  }

  /** The reply to send. */
  public Reply reply() {
    return reply;
  }
}
