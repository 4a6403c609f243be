package dev.trustcenter.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.Seed;
import dev.trustcenter.controls.CheckResult;
import dev.trustcenter.controls.CheckResults;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.site.PublishResult;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local trust center end to end: results and an attestation are recorded, the site published,
 * and {@code verify} passes on the published folder and over HTTP; changing or deleting a stored
 * result, then publishing what the changed store says, fails it.
 */
@IntegrationTest
class EvidenceLogEndToEndTest {
  @TempDir Path dir;
  LocalServerFixture app;
  DocumentStore store;
  String control;
  Path site;

  @BeforeEach
  void start() throws Exception {
    app = LocalServerFixture.start(dir);
    store = app.services().store();
    control = Seed.load().controls().get(0).id();
    site = dir.resolve("site");
    CheckResults results = new CheckResults(store, new SnapshotWriter(365));
    Instant t = Instant.parse("2026-03-01T10:00:00Z");
    results.record(
        List.of(
            new CheckResult(
                control,
                CheckOutcome.PASSING,
                t,
                "automated-check",
                Map.of("enabled", true),
                null,
                null,
                false)),
        t);
    results.record(
        List.of(
            new CheckResult(
                control,
                CheckOutcome.PASSING,
                t.plusSeconds(3600),
                "admin@example.com",
                Map.of(),
                "attested after the audit",
                "https://docs.example.com/audit.pdf",
                false)),
        t.plusSeconds(3600));
    results.record(
        List.of(
            new CheckResult(
                control,
                CheckOutcome.FAILING,
                t.plusSeconds(7200),
                "automated-check",
                Map.of("enabled", false),
                "MFA is off for 2 accounts",
                null,
                true)),
        t.plusSeconds(7200));
    PublishResult published = app.services().sitePublisher().publish();
    assertTrue(published.complete(), String.valueOf(published.error()));
  }

  @AfterEach
  void stop() {
    app.close();
  }

  record Run(int status, String out, String err) {}

  static Run verify(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = VerifyCommand.run(args, new PrintStream(out, true), new PrintStream(err, true));
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void verifyPassesOnTheFolderAndOverHttpAndThePagesShowTheEntry() throws Exception {
    Run folder = verify(site.toString());
    assertEquals(0, folder.status(), folder.err());
    assertTrue(folder.out().startsWith("OK localhost/log: 3 entries"), folder.out());
    Run http = verify(app.uri("/").toString());
    assertEquals(0, http.status(), http.err());

    JsonObject trust =
        JsonParser.parseString(Files.readString(site.resolve("trust.json"))).getAsJsonObject();
    String key = trust.getAsJsonObject("evidenceLog").get("verifierKey").getAsString();
    assertTrue(key.startsWith("localhost/log+"), key);
    String page = controlPage("en");
    assertTrue(
        page.contains("entry 2 of our public evidence log"),
        "the control page names its latest entry");
    assertTrue(page.contains("/log/tile/entries/000.p/3"), "and links to it");
    assertTrue(controlPage("es").contains("entrada 2 de nuestro registro"));

    String entries = Files.readString(site.resolve("log/tile/entries/000.p/3"));
    assertFalse(entries.contains("admin@example.com"), "who attested is committed, not published");
    assertFalse(entries.contains("audit.pdf"));
    assertFalse(entries.contains("attested after the audit"));
    assertTrue(
        entries.contains("\"evidence\":{\"enabled\":false}"), "public evidence is in the clear");
    assertTrue(entries.contains("privateSha256"));
  }

  @Test
  void aChangedStoredResultFailsVerify() throws Exception {
    String seen = Files.readString(site.resolve("log/checkpoint"));
    Path since = dir.resolve("seen-checkpoint");
    Files.writeString(since, seen);
    // Someone edits the latest (failing) result and the summary the site is rendered from, then
    // publishes.
    List<StoredDocument> stored = store.list(CheckResults.collection(control), Range.all());
    StoredDocument last = stored.get(stored.size() - 1);
    store.transaction(
        tx -> {
          tx.put(
              CheckResults.collection(control),
              last.id(),
              last.json().replace("\"failing\"", "\"passing\""));
          rewriteShownOutcome(tx, "passing", null);
          return null;
        });
    app.services().sitePublisher().publish();
    Run run = verify(site.toString(), "--since", since.toString());
    assertEquals(1, run.status(), run.out());
    assertTrue(run.err().contains("control " + control + ": the site shows passing"), run.err());
  }

  @Test
  void aDeletedStoredResultFailsVerify() {
    List<StoredDocument> stored = store.list(CheckResults.collection(control), Range.all());
    store.transaction(
        tx -> {
          tx.delete(CheckResults.collection(control), stored.get(stored.size() - 1).id());
          rewriteShownOutcome(tx, "passing", "2026-03-01T11:00:00Z");
          return null;
        });
    app.services().sitePublisher().publish();
    Run run = verify(site.toString());
    assertEquals(1, run.status(), run.out());
    assertTrue(
        run.err().contains("but the log's latest result for it (entry 2) is failing"), run.err());
  }

  /**
   * The control's page in {@code lang}: the one page with an evidence section, as only this control
   * has results.
   */
  private String controlPage(String lang) throws Exception {
    try (var pages = Files.walk(site.resolve(lang + "/controls"))) {
      List<String> withEvidence =
          pages
              .filter(p -> p.endsWith("index.html"))
              .map(
                  p -> {
                    try {
                      return Files.readString(p);
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .filter(html -> html.contains("class=\"evidence\""))
              .toList();
      assertEquals(1, withEvidence.size());
      return withEvidence.get(0);
    }
  }

  /** Rewrites the control's summary in the stored snapshot (what trust.json and the pages show). */
  private void rewriteShownOutcome(DocumentStore.Transaction tx, String outcome, String checkedAt) {
    JsonObject snapshot =
        JsonParser.parseString(
                tx.get(Snapshots.COLLECTION, Snapshots.SNAPSHOT_ID).orElseThrow().json())
            .getAsJsonObject();
    JsonObject summary = snapshot.getAsJsonObject("checks").getAsJsonObject(control);
    summary.addProperty("lastOutcome", outcome);
    if (checkedAt != null) {
      summary.addProperty("lastCheckedAt", checkedAt);
    }
    tx.put(Snapshots.COLLECTION, Snapshots.SNAPSHOT_ID, snapshot.toString());
    tx.put(Snapshots.CHECK_SUMMARIES, control, summary.toString());
  }
}
