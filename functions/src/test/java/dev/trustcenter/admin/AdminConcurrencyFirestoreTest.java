package dev.trustcenter.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.audit.AuditLog;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.store.Range;
import dev.trustcenter.testing.FirestoreEmulator;
import dev.trustcenter.testing.IntegrationTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent admin writes against Google's Firestore emulator, through the local server's HTTP
 * surface.
 */
@IntegrationTest
class AdminConcurrencyFirestoreTest {
  private static final String PATH = "/admin/v1/controls/segregation-of-environments";
  private static final int WRITERS = 6;
  private AdminHttp app;

  @BeforeEach
  void start() throws Exception {
    FirestoreEmulator emulator = FirestoreEmulator.get();
    emulator.requireFull("transaction isolation");
    emulator.reset();
    app =
        new AdminHttp(
            Map.of(
                "PORT",
                "0",
                "FIRESTORE_EMULATOR_HOST",
                emulator.hostPort(),
                "GOOGLE_CLOUD_PROJECT",
                FirestoreEmulator.PROJECT,
                "TRUST_CENTER_DEV_TOKEN",
                AdminHttp.DEV_TOKEN,
                "PUBLIC_CACHE_SECONDS",
                "3600"));
  }

  @AfterEach
  void stop() {
    if (app != null) { // null when the test was skipped before starting it
      app.close();
    }
  }

  private static String withTitle(String body, String titleEn) {
    JsonObject o = JsonParser.parseString(body).getAsJsonObject();
    o.getAsJsonObject("title").addProperty("en", titleEn);
    return o.toString();
  }

  private <T> List<T> all(List<Callable<T>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> t : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return t.call();
                }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void parallelPutsWithTheSameIfMatch_haveExactlyOneWinner_andTheOthersGet412() throws Exception {
    HttpResponse<String> read = app.get(PATH);
    String etag = read.headers().firstValue("ETag").orElseThrow();
    List<Callable<HttpResponse<String>>> tasks = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      String body = withTitle(read.body(), "Writer " + i);
      tasks.add(() -> app.put(PATH, body, "If-Match", etag));
    }
    List<HttpResponse<String>> answers = all(tasks);

    List<HttpResponse<String>> winners =
        answers.stream().filter(r -> r.statusCode() == 200).toList();
    assertEquals(
        1,
        winners.size(),
        answers.stream().map(r -> r.statusCode() + " " + r.body()).toList().toString());
    assertEquals(WRITERS - 1, answers.stream().filter(r -> r.statusCode() == 412).count());

    String winnerTitle =
        JsonParser.parseString(winners.get(0).body())
            .getAsJsonObject()
            .getAsJsonObject("title")
            .get("en")
            .getAsString();
    HttpResponse<String> now = app.get(PATH);
    assertEquals(winners.get(0).body(), now.body(), "the stored control is the winner's");
    assertTrue(
        Snapshots.readRaw(app.store()).orElseThrow().json().contains(winnerTitle),
        "the snapshot has the winner's change");
    long audited =
        app.store().list(AuditLog.COLLECTION, Range.all()).stream()
            .filter(d -> d.json().contains("segregation-of-environments"))
            .count();
    assertEquals(1, audited, "one audit entry, for the one write");
  }

  @Test
  void concurrentReadModifyWriteLoops_loseNoUpdate() throws Exception {
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      String marker = " w" + i;
      tasks.add(
          () -> {
            for (int attempt = 1; attempt <= 50; attempt++) {
              HttpResponse<String> r = app.get(PATH);
              JsonObject o = JsonParser.parseString(r.body()).getAsJsonObject();
              JsonObject d = o.getAsJsonObject("description");
              d.addProperty("en", d.get("en").getAsString() + marker);
              HttpResponse<String> w =
                  app.put(
                      PATH, o.toString(), "If-Match", r.headers().firstValue("ETag").orElseThrow());
              if (w.statusCode() == 200) {
                return attempt;
              }
              if (w.statusCode() != 412) {
                throw new AssertionError(w.statusCode() + " " + w.body());
              }
            }
            throw new AssertionError("no success in 50 attempts");
          });
    }
    List<Integer> attempts = all(tasks);
    String description =
        JsonParser.parseString(app.get(PATH).body())
            .getAsJsonObject()
            .getAsJsonObject("description")
            .get("en")
            .getAsString();
    for (int i = 0; i < WRITERS; i++) {
      assertTrue(description.contains(" w" + i), "update of writer " + i + " lost: " + description);
    }
    assertTrue(
        Snapshots.readRaw(app.store())
            .orElseThrow()
            .json()
            .contains(description.replace("'", "\\u0027")));
    System.out.println("attempts per writer: " + attempts);
  }
}
