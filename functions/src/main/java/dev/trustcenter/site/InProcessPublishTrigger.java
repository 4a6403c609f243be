package dev.trustcenter.site;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local server's {@link PublishTrigger}: publishes in this process on one background thread.
 * Requests that arrive while a publish is waiting to start are merged into it (a burst of admin
 * writes publishes once or twice, not once per write); a request that arrives while a publish runs
 * schedules one more, so the last change is always published.
 */
public final class InProcessPublishTrigger implements PublishTrigger, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(InProcessPublishTrigger.class.getName());

  private final Supplier<SitePublisher> publisher;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "site-publish");
            t.setDaemon(true);
            return t;
          });
  private final AtomicBoolean queued = new AtomicBoolean();

  public InProcessPublishTrigger(Supplier<SitePublisher> publisher) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  @Override
  public void requestPublish(String reason) {
    if (!queued.compareAndSet(false, true)) {
      LOG.fine(() -> "publish already queued; merged request: " + reason);
      return;
    }
    try {
      executor.execute(
          () -> {
            queued.set(false);
            try {
              PublishResult r = publisher.get().publish();
              LOG.info(
                  () ->
                      "site published after "
                          + reason
                          + ": "
                          + r.uploaded().size()
                          + " uploaded, "
                          + r.deleted().size()
                          + " deleted, "
                          + r.purged().size()
                          + " purged, "
                          + r.failedPurges().size()
                          + " purges pending");
            } catch (RuntimeException e) {
              LOG.log(Level.WARNING, "site publish after " + reason + " failed", e);
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      queued.set(false);
      LOG.warning("site publish not started, the server is stopping: " + reason);
    }
  }

  /** Waits up to {@code seconds} for queued and running publishes; for tests and shutdown. */
  public boolean awaitIdle(long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      var probe = executor.submit(() -> {});
      try {
        probe.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        return false;
      }
      if (!queued.get()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      // A publish in progress finishes writing the site folder before the server's resources go
      // away.
      if (!executor.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
