package dev.trustcenter.subprocessors;

import static dev.trustcenter.subprocessors.SyncHarness.CF_PATH;
import static dev.trustcenter.subprocessors.SyncHarness.GCP_PATH;
import static dev.trustcenter.subprocessors.SyncPages.baseline;
import static dev.trustcenter.subprocessors.SyncPages.page;
import static dev.trustcenter.subprocessors.SyncPages.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.evidence.EvidenceLog;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each new version of a vendor's list, and each change detected in it, is appended to the evidence
 * log.
 */
class SubprocessorEvidenceTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  @TempDir Path dir;
  private final SyncPages.Site site = new SyncPages.Site();
  private FileDocumentStore store;
  private SyncHarness h;

  @BeforeEach
  void setUp() {
    server.setDispatcher(site);
    store = FileDocumentStore.open(dir.resolve("data"));
    h = new SyncHarness(store, server, dir.resolve("archive"));
    site.page(
        GCP_PATH,
        page(
            List.of(
                row(
                    "Google Group Subprocessors",
                    "Google LLC",
                    "United States of America",
                    "Data Center Operations"))));
    site.page(CF_PATH, page(baseline()));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private List<JsonObject> logged() {
    List<JsonObject> out = new ArrayList<>();
    for (StoredDocument d : store.list("evidence-log-bundles/000000000000/entries", Range.all())) {
      out.add(
          JsonParser.parseString(
                  JsonParser.parseString(d.json()).getAsJsonObject().get("entry").getAsString())
              .getAsJsonObject());
    }
    return out;
  }

  @Test
  void listVersionsAndChangesAreLoggedWithTheHashesOfPageAndList() {
    h.clock.advance(Duration.ofHours(1));
    h.sync.runAll("test");
    List<JsonObject> first = logged();
    assertEquals(
        List.of("subprocessor-list", "subprocessor-list"),
        first.stream().map(e -> e.get("kind").getAsString()).toList());
    JsonObject cf =
        first.stream()
            .filter(e -> e.get("subject").getAsString().equals("cloudflare"))
            .findFirst()
            .orElseThrow();
    UpstreamList list = h.list("cloudflare");
    assertEquals(list.contentSha256(), cf.getAsJsonObject("data").get("pageSha256").getAsString());
    assertEquals(
        dev.trustcenter.http.Responses.sha256Hex(
            dev.trustcenter.json.Json.write(list.entries()).getBytes(StandardCharsets.UTF_8)),
        cf.getAsJsonObject("data").get("listSha256").getAsString());
    assertEquals(6, cf.getAsJsonObject("data").get("entryCount").getAsInt());

    h.clock.advance(Duration.ofHours(1));
    h.sync.runAll("test");
    assertEquals(2, logged().size(), "the same list again is no new version");

    List<SyncPages.Row> rows = new ArrayList<>(baseline());
    rows.remove(2);
    site.page(CF_PATH, page(rows));
    h.clock.advance(Duration.ofHours(1));
    h.sync.runAll("test");
    List<JsonObject> after = logged();
    assertEquals(
        List.of("subprocessor-change", "subprocessor-list"),
        after.subList(2, after.size()).stream().map(e -> e.get("kind").getAsString()).toList());
    assertEquals("removed", after.get(2).getAsJsonObject("data").get("change").getAsString());
    assertEquals(4, new EvidenceLog(store).state().size());
  }
}
