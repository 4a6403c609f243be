package dev.trustcenter.console;

import static dev.trustcenter.subprocessors.SyncPages.baseline;
import static dev.trustcenter.subprocessors.SyncPages.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.controls.CheckRuns;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.subprocessors.SubprocessorSync;
import dev.trustcenter.subprocessors.SyncPages;
import dev.trustcenter.subscriptions.Subscriber;
import dev.trustcenter.subscriptions.Subscriptions;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's operations pages over HTTP as a browser uses them: documents (multipart upload,
 * replace, delete), subprocessor lists (sync now, a held list as a diff, accept and reject),
 * subscribers (list, remove) and runs. Every POST needs the CSRF token; a GET never changes
 * anything; a bad upload is named next to its field and stores nothing.
 */
@IntegrationTest
class ConsoleOperationsHttpTest {
  static final String GCP_PATH = "/terms/subprocessors";
  static final String CF_PATH = "/gdpr/subprocessors/cloudflare-services/";
  static final byte[] PDF = "%PDF-1.7\nSOC 2 report\n%%EOF".getBytes(StandardCharsets.UTF_8);

  @StartStop private final MockWebServer vendors = new MockWebServer();
  private final SyncPages.Site site = new SyncPages.Site();
  @TempDir Path dir;
  private LocalServerFixture app;
  private ConsoleClient browser;
  private DocumentStore store;

  @BeforeEach
  void start() throws Exception {
    vendors.setDispatcher(site);
    site.page(GCP_PATH, page(baseline()));
    site.page(CF_PATH, page(baseline()));
    app =
        LocalServerFixture.start(
            dir,
            Map.of(
                "GCP_SUBPROCESSORS_URL", vendors.url(GCP_PATH).toString(),
                "CLOUDFLARE_SUBPROCESSORS_URL", vendors.url(CF_PATH).toString()));
    store = app.services().store();
    browser = new ConsoleClient(app, "en");
  }

  @AfterEach
  void stop() {
    app.close();
  }

  // ---- a browser's requests

  private String documents() {
    return app.send(
            HttpRequest.newBuilder(app.uri("/admin/v1/documents"))
                .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN))
        .body();
  }

  private String auditLog() {
    return app.send(
            HttpRequest.newBuilder(app.uri("/admin/v1/audit-log?limit=100"))
                .header("Authorization", "Bearer " + LocalServerFixture.DEV_TOKEN))
        .body();
  }

  /** Everything the store holds, to compare before and after a request that must change nothing. */
  private String everything() {
    StringBuilder b = new StringBuilder();
    for (String c :
        List.of(
            "documents",
            SubprocessorSync.PENDING,
            SubprocessorSync.LISTS,
            SubprocessorSync.RUNS,
            Subscriptions.COLLECTION,
            Subscriptions.REQUESTS,
            CheckRuns.COLLECTION,
            "audit-log")) {
      store.list(c, Range.all()).forEach(d -> b.append(c).append('/').append(d.json()));
    }
    return b.toString();
  }

  // ---- documents

  @Test
  void documents_uploadReplaceAndDelete_fromTheBrowserForm_throughTheApi() {
    String csrf = browser.signIn();
    assertTrue(
        browser.get("/admin/documents").body().contains("No document has been uploaded yet."));

    HttpResponse<String> up =
        browser.multipart(
            "/admin/documents",
            Map.of("csrf", csrf, "id", "soc2-report", "resource", ""),
            new ConsoleClient.Part("file", "SOC 2 report.pdf", "application/pdf", PDF));
    assertEquals(303, up.statusCode(), up.body());
    assertEquals(
        "/admin/documents?uploaded=soc2-report", up.headers().firstValue("Location").orElseThrow());
    String page = browser.get("/admin/documents?uploaded=soc2-report").body();
    assertTrue(page.contains("Document “soc2-report” was uploaded"), page);
    assertTrue(page.contains("soc2-report.pdf") && page.contains("application/pdf"), page);
    assertTrue(documents().contains("\"version\":1"));

    // A browser that declares no type: the extension decides.
    HttpResponse<String> replaced =
        browser.multipart(
            "/admin/documents/soc2-report/replace",
            Map.of("csrf", csrf),
            new ConsoleClient.Part("file", "report-v2.PDF", "application/octet-stream", PDF));
    assertEquals(303, replaced.statusCode(), replaced.body());
    assertTrue(documents().contains("\"version\":2"), documents());

    HttpResponse<String> unconfirmed =
        browser.post("/admin/documents/soc2-report/delete", Map.of("csrf", csrf, "version", "2"));
    assertEquals(400, unconfirmed.statusCode());
    assertTrue(unconfirmed.body().contains("Tick the box to confirm the deletion."));
    assertTrue(documents().contains("soc2-report"), "nothing deleted without the confirmation");
    HttpResponse<String> stale =
        browser.post(
            "/admin/documents/soc2-report/delete",
            Map.of("csrf", csrf, "version", "1", "confirm", "on"));
    assertEquals(409, stale.statusCode());
    assertTrue(stale.body().contains("was replaced since you opened this page"), stale.body());
    HttpResponse<String> deleted =
        browser.post(
            "/admin/documents/soc2-report/delete",
            Map.of("csrf", csrf, "version", "2", "confirm", "on"));
    assertEquals(303, deleted.statusCode(), deleted.body());
    assertFalse(documents().contains("soc2-report"));
    String log = auditLog();
    assertTrue(
        log.contains("document.uploaded") && log.contains("document.deleted"),
        "the API audited each step");
  }

  @Test
  void aResourceIdTheApiRefuses_isNamedNextToTheResourceChoice_andStoresNothing() {
    String csrf = browser.signIn();
    HttpResponse<String> r =
        browser.multipart(
            "/admin/documents",
            Map.of("csrf", csrf, "id", "notes", "resource", "Not A Resource"),
            new ConsoleClient.Part("file", "a.pdf", "application/pdf", PDF));
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(
        r.body()
            .contains(
                "<p class=\"error\" id=\"resource-error\">Choose one of the resources listed.</p>"),
        r.body());
    assertFalse(r.body().contains("id=\"id-error\""), "only the resource is named");
    assertFalse(documents().contains("notes"), "nothing was stored");
  }

  @Test
  void aBadUpload_isNamedNextToItsField_andStoresNothing() {
    String csrf = browser.signIn();
    String before = everything();
    record Case(String id, ConsoleClient.Part file, String field, String text, int status) {}
    List<Case> cases =
        List.of(
            new Case("notes", null, "file", "Choose a file to upload.", 400),
            new Case(
                "notes",
                new ConsoleClient.Part(
                    "file", "tool.exe", "application/x-msdownload", new byte[] {'M', 'Z'}),
                "file",
                "“tool.exe” is not a file type that can be shared.",
                415),
            new Case(
                "notes",
                new ConsoleClient.Part("file", "fake.pdf", "application/pdf", "<html>".getBytes()),
                "file",
                "The content of “fake.pdf” is not what its type (application/pdf) says",
                415),
            new Case(
                "notes",
                new ConsoleClient.Part("file", "empty.txt", "text/plain", new byte[0]),
                "file",
                "The file is empty.",
                400),
            new Case(
                "Not An Id!",
                new ConsoleClient.Part("file", "a.pdf", "application/pdf", PDF),
                "id",
                "Use lower-case letters, digits and dashes only",
                400),
            new Case(
                "notes",
                new ConsoleClient.Part("file", "big.pdf", "application/pdf", big()),
                "file",
                "The file is larger than 25.0 MiB.",
                413));
    for (Case c : cases) {
      HttpResponse<String> r =
          browser.multipart(
              "/admin/documents", Map.of("csrf", csrf, "id", c.id(), "resource", ""), c.file());
      assertEquals(c.status(), r.statusCode(), c + ": " + r.body());
      Matcher error =
          Pattern.compile("<p class=\"error\" id=\"" + c.field() + "-error\">([^<]*)</p>")
              .matcher(r.body());
      assertTrue(error.find(), c + ": " + r.body());
      assertTrue(error.group(1).contains(c.text()), c + ": " + error.group(1));
      assertTrue(r.body().contains("aria-invalid=\"true\""), c.toString());
      assertTrue(r.body().contains("Nothing was stored"), c.toString());
      assertTrue(r.body().contains("value=\"" + c.id().replace("!", "!") + "\""), "id kept");
    }
    assertEquals(
        before.replaceAll("audit-log/[^\\n]*", ""),
        everything().replaceAll("audit-log/[^\\n]*", ""));
    assertFalse(documents().contains("notes"), "nothing was stored");
    // Over the form limit altogether: refused before anything is read as a form.
    HttpResponse<String> huge =
        browser.multipart(
            "/admin/documents",
            Map.of("csrf", csrf, "id", "notes"),
            new ConsoleClient.Part(
                "file", "huge.pdf", "application/pdf", new byte[Form.MAX_MULTIPART_BYTES]));
    assertEquals(413, huge.statusCode());
    assertTrue(huge.body().contains("a file may have at most 25 MiB"), huge.body());
    assertFalse(documents().contains("notes"));
    // Only the upload forms may be large: any other form stays within 64 KiB, multipart or not.
    HttpResponse<String> elsewhere =
        browser.multipart(
            "/admin/lists/sync",
            Map.of("csrf", csrf),
            new ConsoleClient.Part("file", "a.pdf", "application/pdf", new byte[Form.MAX_BYTES]));
    assertEquals(413, elsewhere.statusCode());
  }

  private static byte[] big() {
    byte[] b = new byte[dev.trustcenter.documents.DocumentLibrary.MAX_BYTES + 1];
    b[0] = '%';
    b[1] = 'P';
    b[2] = 'D';
    b[3] = 'F';
    return b;
  }

  // ---- subprocessor lists

  @Test
  void lists_syncNow_showsAHeldListAsADiff_andAcceptsItThroughTheApi() {
    String csrf = browser.signIn();
    assertTrue(browser.get("/admin/lists").body().contains("No list is waiting for review."));
    assertEquals(303, browser.post("/admin/lists/sync", Map.of("csrf", csrf)).statusCode());
    String synced = browser.get("/admin/lists?synced=1").body();
    assertTrue(synced.contains("The sync ran"), synced);
    assertTrue(synced.contains("cloudflare</strong>: updated · 6 entries"), synced);

    List<SyncPages.Row> held = new ArrayList<>();
    held.add(SyncPages.row("Affiliates", "Example Ltd", "Ireland", "Customer support"));
    held.add(SyncPages.row("Support", "New Desk GmbH", "Germany", "Ticketing"));
    site.page(CF_PATH, page(held));
    assertEquals(303, browser.post("/admin/lists/sync", Map.of("csrf", csrf)).statusCode());
    String review = browser.get("/admin/lists").body();
    assertTrue(
        review.contains(
            "The list in force has 6 entries, the held list 2. Accepting it records 1 added, 5 removed and 1 changed."),
        review);
    assertTrue(review.contains("<tr class=\"added\"><td>New Desk GmbH</td>"), review);
    assertTrue(review.contains("<tr class=\"removed\"><td>Example Inc.</td>"), review);
    assertTrue(
        review.contains(
            "<tr class=\"changed\"><td>Example Ltd</td><td>Affiliates</td><td>Countries</td><td>United Kingdom</td><td>Ireland</td>"),
        review);
    Matcher sha =
        Pattern.compile("name=\"contentSha256\" value=\"([0-9a-f]{64})\"").matcher(review);
    assertTrue(sha.find());

    HttpResponse<String> wrong =
        browser.post(
            "/admin/lists/cloudflare/accept",
            Map.of("csrf", csrf, "contentSha256", "b".repeat(64)));
    assertEquals(409, wrong.statusCode());
    assertTrue(wrong.body().contains("Nothing was applied"), wrong.body());
    HttpResponse<String> accepted =
        browser.post(
            "/admin/lists/cloudflare/accept", Map.of("csrf", csrf, "contentSha256", sha.group(1)));
    assertEquals(303, accepted.statusCode(), accepted.body());
    String after = browser.get(accepted.headers().firstValue("Location").orElseThrow()).body();
    assertTrue(after.contains("The held list of cloudflare was accepted"), after);
    assertTrue(after.contains("No list is waiting for review."));
    assertEquals(
        2,
        Json.read(
                store.get(SubprocessorSync.LISTS, "cloudflare").orElseThrow().json(),
                com.google.gson.JsonObject.class)
            .get("entryCount")
            .getAsInt());
    String log = auditLog();
    assertTrue(log.contains("subprocessors.sync") && log.contains("subprocessors.accept"), log);
  }

  @Test
  void lists_aRejectedHeldListLeavesTheListInForce() {
    String csrf = browser.signIn();
    browser.post("/admin/lists/sync", Map.of("csrf", csrf));
    site.page(CF_PATH, page(baseline().subList(0, 1)));
    browser.post("/admin/lists/sync", Map.of("csrf", csrf));
    Matcher sha =
        Pattern.compile("name=\"contentSha256\" value=\"([0-9a-f]{64})\"")
            .matcher(browser.get("/admin/lists").body());
    assertTrue(sha.find());
    HttpResponse<String> rejected =
        browser.post(
            "/admin/lists/cloudflare/reject", Map.of("csrf", csrf, "contentSha256", sha.group(1)));
    assertEquals(303, rejected.statusCode(), rejected.body());
    assertTrue(store.get(SubprocessorSync.PENDING, "cloudflare").isEmpty());
    assertTrue(
        store
            .get(SubprocessorSync.LISTS, "cloudflare")
            .orElseThrow()
            .json()
            .contains("\"entryCount\":6"));
    assertTrue(auditLog().contains("subprocessors.reject"));
  }

  // ---- subscribers

  private static Subscriber subscriber(String email, String status) {
    Instant at = Instant.parse("2026-11-02T10:00:00Z");
    return new Subscriber(
        Subscriptions.idOf(email),
        email,
        status,
        "es",
        List.of("subprocessors", "documents"),
        "https://hooks.example.com/very-secret-path",
        "whsec-never-shown-anywhere",
        at,
        status.equals(Subscriber.CONFIRMED) ? at : null,
        status.equals(Subscriber.UNSUBSCRIBED) ? at.plus(Duration.ofDays(1)) : null,
        null);
  }

  @Test
  void subscribers_listedWithStatusLanguageAndDate_withoutSecrets_andRemovedOnlyWhenConfirmed() {
    String csrf = browser.signIn();
    Subscriber ana = subscriber("ana@example.com", Subscriber.CONFIRMED);
    Subscriber bob = subscriber("bob@example.com", Subscriber.UNSUBSCRIBED);
    store.transaction(
        tx -> {
          for (Subscriber s : List.of(ana, bob)) {
            tx.put(Subscriptions.COLLECTION, s.id(), Json.write(s));
          }
          return null;
        });
    String page = browser.get("/admin/subscribers").body();
    assertTrue(page.contains("ana@example.com") && page.contains("bob@example.com"), page);
    assertTrue(page.contains("Confirmed") && page.contains("Unsubscribed"), page);
    assertTrue(page.contains("Spanish") && page.contains("subprocessors, documents"), page);
    assertTrue(page.contains("datetime=\"2026-11-02T10:00:00Z\""), page);
    assertFalse(page.contains("whsec-never-shown-anywhere") || page.contains("very-secret-path"));
    assertTrue(browser.get("/admin/subscribers?status=pending").body().contains("No one here."));

    HttpResponse<String> unconfirmed =
        browser.post("/admin/subscribers/" + ana.id() + "/remove", Map.of("csrf", csrf));
    assertEquals(400, unconfirmed.statusCode());
    assertTrue(unconfirmed.body().contains("Nothing was removed."));
    assertTrue(store.get(Subscriptions.COLLECTION, ana.id()).isPresent());
    HttpResponse<String> removed =
        browser.post(
            "/admin/subscribers/" + ana.id() + "/remove", Map.of("csrf", csrf, "confirm", "on"));
    assertEquals(303, removed.statusCode(), removed.body());
    assertTrue(store.get(Subscriptions.COLLECTION, ana.id()).isEmpty());
    String after = browser.get("/admin/subscribers?removed=1").body();
    assertTrue(after.contains("The subscriber was removed.") && !after.contains("ana@example.com"));
    HttpResponse<String> again =
        browser.post(
            "/admin/subscribers/" + ana.id() + "/remove", Map.of("csrf", csrf, "confirm", "on"));
    assertEquals(404, again.statusCode());
    assertTrue(auditLog().contains("subscription.removed"));
  }

  @Test
  void subscribers_arePagedFiftyAtATime() {
    browser.signIn();
    store.transaction(
        tx -> {
          for (int i = 0; i < 60; i++) {
            Subscriber s = subscriber("s" + i + "@example.com", Subscriber.CONFIRMED);
            tx.put(Subscriptions.COLLECTION, s.id(), Json.write(s));
          }
          return null;
        });
    String first = browser.get("/admin/subscribers").body();
    assertEquals(50, first.split("class=\"badge st-").length - 1);
    Matcher next = Pattern.compile("href=\"(/admin/subscribers\\?after[^\"]+)\"").matcher(first);
    assertTrue(next.find(), first);
    String second = browser.get(next.group(1).replace("&#61;", "=").replace("&amp;", "&")).body();
    assertEquals(10, second.split("class=\"badge st-").length - 1);
    assertFalse(second.contains("Next page"));
  }

  // ---- runs

  @Test
  void runs_showCheckAndSyncHistory_pagedNewestFirst() {
    String csrf = browser.signIn();
    browser.post("/admin/lists/sync", Map.of("csrf", csrf));
    Instant t = Instant.parse("2026-10-01T08:00:00Z");
    CheckRuns runs = new CheckRuns(store);
    for (int i = 0; i < 30; i++) {
      Instant at = t.plus(Duration.ofHours(i));
      runs.save(
          new CheckRuns.Run(
              CheckRuns.newId(at),
              at,
              at.plusSeconds(2),
              i != 29,
              List.of(
                  new CheckRuns.Entry(
                      "encryption-in-transit",
                      "encryption-in-transit",
                      dev.trustcenter.content.CheckOutcome.PASSING,
                      null,
                      true),
                  new CheckRuns.Entry(
                      "automated-backups",
                      "automated-backups",
                      i == 29
                          ? dev.trustcenter.content.CheckOutcome.FAILING
                          : dev.trustcenter.content.CheckOutcome.PASSING,
                      i == 29 ? "no backup in the last 24 hours" : null,
                      i != 29))));
    }
    String first = browser.get("/admin/runs").body();
    assertEquals(25, first.split("<tr><td><time").length - 1, first);
    assertTrue(first.contains("2026-10-02 13:00 UTC"), "newest first: " + first);
    assertTrue(
        first.contains("2 checks: 1 passing, 1 failing, 0 could not run, 1 not recorded"), first);
    assertTrue(
        first.contains(
            "<strong>automated-backups</strong>: Failing · not recorded · <span lang=\"en\">no backup in the last 24 hours</span>"),
        first);
    Matcher older =
        Pattern.compile("href=\"(/admin/runs\\?kind[^\"]*before[^\"]+)\"").matcher(first);
    assertTrue(older.find(), first);
    String second = browser.get(older.group(1).replace("&#61;", "=").replace("&amp;", "&")).body();
    assertEquals(5, second.split("<tr><td><time").length - 1, second);
    assertTrue(second.contains("2026-10-01 08:00 UTC"));

    String sync = browser.get("/admin/runs?kind=sync").body();
    assertEquals(1, sync.split("<tr><td><time").length - 1, sync);
    assertTrue(sync.contains("local-dev") && sync.contains("6 entries, 0 added"), sync);
  }

  // ---- for every page

  @Test
  void everyOperationsPage_rendersInBothLanguages_inTheNav() {
    browser.signIn();
    for (String path :
        List.of("/admin/documents", "/admin/lists", "/admin/subscribers", "/admin/runs")) {
      HttpResponse<String> es = browser.get(path + "?lang=es");
      assertEquals(200, es.statusCode(), path);
      assertTrue(es.body().contains("<html lang=\"es\">"), path);
      assertTrue(
          es.body().contains("href=\"" + path + "\" aria-current=\"page\""), "in the nav: " + path);
      HttpResponse<String> en = browser.get(path + "?lang=en");
      assertEquals(200, en.statusCode(), path);
      assertTrue(en.body().contains("<html lang=\"en\">"), path);
    }
    assertTrue(browser.get("/admin/documents?lang=es").body().contains("<h1>Documentos</h1>"));
    assertTrue(browser.get("/admin/lists?lang=es").body().contains("Sincronizar ahora"));
    assertTrue(
        browser.get("/admin/subscribers?lang=es").body().contains("Pendientes de confirmación"));
    assertTrue(browser.get("/admin/runs?lang=es").body().contains("Comprobaciones de controles"));
  }

  @Test
  void getsChangeNothing_andEveryPostNeedsTheCsrfToken() {
    String csrf = browser.signIn();
    browser.post("/admin/lists/sync", Map.of("csrf", csrf));
    site.page(CF_PATH, page(baseline().subList(0, 1)));
    browser.post("/admin/lists/sync", Map.of("csrf", csrf));
    browser.multipart(
        "/admin/documents",
        Map.of("csrf", csrf, "id", "soc2-report"),
        new ConsoleClient.Part("file", "r.pdf", "application/pdf", PDF));
    Subscriber ana = subscriber("ana@example.com", Subscriber.CONFIRMED);
    store.transaction(
        tx -> {
          tx.put(Subscriptions.COLLECTION, ana.id(), Json.write(ana));
          return null;
        });
    String sha = store.get(SubprocessorSync.PENDING, "cloudflare").orElseThrow().json();
    sha = sha.replaceAll("(?s).*\"contentSha256\":\"([0-9a-f]{64})\".*", "$1");
    int fetches = vendors.getRequestCount();

    String before = everything().replaceAll("audit-log/[^\\n]*", "");
    for (String path :
        List.of(
            "/admin/documents",
            "/admin/documents/soc2-report/delete",
            "/admin/documents/soc2-report/replace",
            "/admin/lists",
            "/admin/lists/sync",
            "/admin/lists/cloudflare/accept",
            "/admin/lists/cloudflare/reject",
            "/admin/subscribers",
            "/admin/subscribers/" + ana.id() + "/remove",
            "/admin/runs",
            "/admin/runs?kind=sync")) {
      int status = browser.get(path).statusCode();
      assertTrue(status == 200 || status == 404, path + " " + status);
    }
    assertEquals(fetches, vendors.getRequestCount(), "no GET runs a sync");

    Map<String, Map<String, String>> posts = new LinkedHashMap<>();
    posts.put("/admin/documents/soc2-report/delete", Map.of("version", "1", "confirm", "on"));
    posts.put("/admin/lists/sync", Map.of());
    posts.put("/admin/lists/cloudflare/accept", Map.of("contentSha256", sha));
    posts.put("/admin/lists/cloudflare/reject", Map.of("contentSha256", sha));
    posts.put("/admin/subscribers/" + ana.id() + "/remove", Map.of("confirm", "on"));
    for (Map.Entry<String, Map<String, String>> e : posts.entrySet()) {
      Map<String, String> noToken = new LinkedHashMap<>(e.getValue());
      assertEquals(403, browser.post(e.getKey(), noToken).statusCode(), e.getKey());
      noToken.put("csrf", "forged-token-forged-token-forged-token-123");
      assertEquals(403, browser.post(e.getKey(), noToken).statusCode(), e.getKey());
    }
    HttpResponse<String> forgedUpload =
        browser.multipart(
            "/admin/documents",
            Map.of("csrf", "forged", "id", "other"),
            new ConsoleClient.Part("file", "r.pdf", "application/pdf", PDF));
    assertEquals(403, forgedUpload.statusCode());
    HttpResponse<String> forgedReplace =
        browser.multipart(
            "/admin/documents/soc2-report/replace",
            Map.of("id", "soc2-report"),
            new ConsoleClient.Part("file", "r.pdf", "application/pdf", PDF));
    assertEquals(403, forgedReplace.statusCode());
    assertEquals(before, everything().replaceAll("audit-log/[^\\n]*", ""));
    assertEquals(fetches, vendors.getRequestCount(), "a refused POST runs no sync");
  }
}
