package io.silverback.gateway.admin;

/**
 * One Admin API operation. It runs on a worker thread, so it may block on the store; it answers
 * with a {@link Reply} or throws ({@link AdminException}, {@link io.silverback.store.StoreException})
 * for the error boundary to render.
 */
@FunctionalInterface
public interface AdminHandler {
  /** Answers {@code request}. */
  Reply handle(AdminRequest request);
}
