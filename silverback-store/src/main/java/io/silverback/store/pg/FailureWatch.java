package io.silverback.store.pg;

/**
 * Cuts short zonky's wait for a server that pg_ctl already reported as failed. Zonky polls the
 * port until its startup wait runs out, whatever pg_ctl says, and returns early when its thread is
 * interrupted; this watch reads the server log and interrupts the starting thread once pg_ctl has
 * given up, so a broken data directory fails in a fraction of a second instead of the full wait.
 */
final class FailureWatch implements AutoCloseable {
  private static final long POLL_MILLIS = 50;

  private final ServerLog log;
  private final Thread starter;
  private boolean closed;
  private boolean fired;

  private FailureWatch(ServerLog log, Thread starter) {
    this.log = log;
    this.starter = starter;
  }

  /** Watches {@code log} on behalf of the calling thread until {@link #close()}. */
  static FailureWatch start(ServerLog log) {
    FailureWatch watch = new FailureWatch(log, Thread.currentThread());
    Thread thread = new Thread(watch::poll, "silverback-pg-start-watch");
    thread.setDaemon(true);
    thread.start();
    return watch;
  }

  /** Whether pg_ctl reported a failure and the starting thread was interrupted. */
  synchronized boolean fired() {
    return fired;
  }

  /** Stops watching and clears the interrupt this watch caused, if any. */
  @Override
  public synchronized void close() {
    closed = true;
    if (fired) {
      Thread.interrupted();
    }
  }

  private void poll() {
    try {
      while (!isClosed()) {
        if (log.pgCtlFailed()) {
          interruptStarter();
          return;
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  private synchronized void interruptStarter() {
    if (!closed) {
      fired = true;
      starter.interrupt();
    }
  }
}
