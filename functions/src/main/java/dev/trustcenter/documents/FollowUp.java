package dev.trustcenter.documents;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The work that follows an accepted access request (approving it when its domain is auto-approved,
 * mailing the links, an acknowledgement or the admins) runs here, off the request thread, and the
 * request is answered a fixed {@link #answerAfter} after it started whatever that work is: so the
 * answer's timing says nothing about which domains are auto-approved or which addresses are over
 * their limit (issue 14, item 11).
 *
 * <p>The answer waits for the work up to that time (so on Cloud Run the work normally finishes
 * while the request still holds the CPU); work that takes longer goes on in the background and the
 * answer does not wait for it.
 */
public final class FollowUp {
  private static final Logger LOG = Logger.getLogger(FollowUp.class.getName());

  private final ExecutorService executor;
  private final Duration answerAfter;

  /**
   * @param executor runs the work; its threads are not request threads
   * @param answerAfter how long after the request started it is answered
   */
  public FollowUp(ExecutorService executor, Duration answerAfter) {
    this.executor = executor;
    this.answerAfter = answerAfter;
  }

  /**
   * Starts {@code work} (null: nothing to do) and returns {@link #answerAfter} after {@code
   * startedNanos}.
   */
  public void run(Runnable work, long startedNanos) {
    Future<?> f =
        work == null
            ? null
            : executor.submit(
                () -> {
                  try {
                    work.run();
                  } catch (RuntimeException e) {
                    LOG.log(
                        Level.WARNING, "follow-up of an access request failed: " + e.getMessage());
                  }
                });
    long deadline = startedNanos + answerAfter.toNanos();
    try {
      if (f != null) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          f.get(left, TimeUnit.NANOSECONDS);
        }
      }
      long left = deadline - System.nanoTime();
      if (left > 0) {
        TimeUnit.NANOSECONDS.sleep(left);
      }
    } catch (TimeoutException e) {
      // the work goes on; the answer does not wait for it
    } catch (java.util.concurrent.ExecutionException e) {
      // logged by the task itself
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
