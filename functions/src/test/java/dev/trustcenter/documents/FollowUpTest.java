package dev.trustcenter.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.Language;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.http.ClientInfo;
import dev.trustcenter.http.RateLimiter;
import dev.trustcenter.notices.OutgoingMail;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.testing.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item 11: the answer time told auto-approved domains apart (19.5 ms against 6.5 ms),
 * because the approval and its mail ran inside the request. Now they run off the request thread and
 * the answer comes at a fixed time after the request started.
 */
class FollowUpTest {
  @TempDir Path dir;

  record Sent(OutgoingMail mail, Thread thread) {}

  @Test
  void approvalsAndMailsRunOffTheRequestThreadForAutoApprovedAndOtherDomainsAlike()
      throws Exception {
    DocumentStore store = FileDocumentStore.open(dir);
    MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    DocumentLibrary library =
        new DocumentLibrary(store, new dev.trustcenter.filestore.FolderDocumentBucket(dir), clock);
    library.upload("iso", "application/pdf", "%PDF".getBytes(), "iso", "admin@empresa.example");
    List<Sent> sent = new CopyOnWriteArrayList<>();
    CountDownLatch two = new CountDownLatch(2);
    AccessRequests requests =
        new AccessRequests(
            store,
            library,
            new Nda(store, clock),
            new RateLimiter(store, clock),
            new AccessRequests.Settings(
                List.of("partner.example"), false, List.of("kate@empresa.example")),
            mail -> {
              sent.add(new Sent(mail, Thread.currentThread()));
              two.countDown();
            },
            URI.create("https://trust.example.com/api"),
            (a, b, c, d, e) -> {},
            clock,
            AccessRequests.NO_CONTENT,
            new FollowUp(Executors.newSingleThreadExecutor(), Duration.ZERO));
    ClientInfo client = new ClientInfo("192.0.2.1", "test");
    requests.submit(
        new AccessRequests.Submission(
            "Pat", "pat@partner.example", "Partner", "", List.of("iso"), 1, true, Language.EN),
        client);
    requests.submit(
        new AccessRequests.Submission(
            "Ana", "ana@cliente.example", "Cliente", "", List.of("iso"), 1, true, Language.ES),
        client);
    assertTrue(two.await(5, TimeUnit.SECONDS));
    assertEquals("pat@partner.example", sent.get(0).mail().to(), "the grantee's links");
    assertEquals(
        "kate@empresa.example", sent.get(1).mail().to(), "the admins are told of the other");
    for (Sent s : sent) {
      assertNotEquals(
          Thread.currentThread(), s.thread(), "mail is never sent on the request thread");
    }
  }

  @Test
  void theAnswerComesAtTheFixedTimeWhetherTheWorkIsQuickSlowOrNone() throws Exception {
    FollowUp f = new FollowUp(Executors.newCachedThreadPool(), Duration.ofMillis(300));
    for (Runnable work : new Runnable[] {null, () -> {}}) {
      long start = System.nanoTime();
      f.run(work, start);
      assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300), "never earlier");
    }
    CountDownLatch never = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    long start = System.nanoTime();
    f.run(
        () -> {
          started.countDown();
          try {
            never.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        },
        start);
    assertTrue(started.await(1, TimeUnit.SECONDS));
    assertFalse(
        never.getCount() == 0, "returned while the work still runs: slow work is not waited for");
    never.countDown();
  }
}
