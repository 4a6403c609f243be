package dev.trustcenter.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.content.Language;
import dev.trustcenter.content.Text;
import dev.trustcenter.evidence.EvidenceLog;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.filestore.FolderDocumentBucket;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import dev.trustcenter.testing.MutableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each version of a gated document and of the NDA is appended to the evidence log in the
 * transaction that stores it, with the SHA-256 of what was published and never the file, the text
 * or who published it.
 */
class DocumentEvidenceTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T09:00:00Z"));
  private FileDocumentStore store;

  @BeforeEach
  void open() {
    store = FileDocumentStore.open(dir.resolve("data"));
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
  void eachUploadAndReplacementLogsIdVersionTypeSizeAndHashButNotTheFile() {
    DocumentLibrary library =
        new DocumentLibrary(store, new FolderDocumentBucket(dir.resolve("files")), clock);
    byte[] first = "SOC 2 Type II report, 2026 edition".getBytes(StandardCharsets.UTF_8);
    library.upload("soc2-report", "text/plain; charset=utf-8", first, null, "ana@example.com");
    clock.advance(Duration.ofDays(1));
    byte[] second = "%PDF-1.7 the replaced report".getBytes(StandardCharsets.UTF_8);
    GatedDocument v2 =
        library.upload("soc2-report", "application/pdf", second, null, "ana@example.com");

    List<JsonObject> entries = logged();
    assertEquals(2, entries.size());
    JsonObject e = entries.get(1);
    assertEquals("document-version", e.get("kind").getAsString());
    assertEquals("soc2-report", e.get("subject").getAsString());
    assertEquals("2026-04-02T09:00:00Z", e.get("time").getAsString());
    JsonObject data = e.getAsJsonObject("data");
    assertEquals(2, data.get("version").getAsInt());
    assertEquals("application/pdf", data.get("contentType").getAsString());
    assertEquals(second.length, data.get("size").getAsLong());
    assertEquals(
        dev.trustcenter.http.Responses.sha256Hex(second), data.get("sha256").getAsString());
    assertEquals(v2.sha256(), data.get("sha256").getAsString());
    assertEquals(1, entries.get(0).getAsJsonObject("data").get("version").getAsInt());
    assertEquals(
        dev.trustcenter.http.Responses.sha256Hex(first),
        entries.get(0).getAsJsonObject("data").get("sha256").getAsString());
    String text = entries.toString();
    assertFalse(
        text.contains("ana@example.com") || text.contains("edition") || text.contains("replaced"),
        "neither the uploader nor the file: " + text);
    assertEquals(
        new EvidenceLog.Latest(1, "2026-04-02T09:00:00Z"),
        new EvidenceLog(store).latest("document-version", "soc2-report").orElseThrow());
  }

  @Test
  void aRefusedUploadLogsNothing() {
    // The bucket write sits between reading the current version and the transaction: a second
    // upload of the same
    // document lands there, so the first one finds the document replaced meanwhile and is refused
    // with 409.
    DocumentBucket files = new FolderDocumentBucket(dir.resolve("files"));
    DocumentLibrary[] competing = new DocumentLibrary[1];
    DocumentBucket racing =
        new DocumentBucket() {
          private boolean raced;

          @Override
          public void put(String object, byte[] bytes, String contentType, String sha256) {
            files.put(object, bytes, contentType, sha256);
            if (!raced) {
              raced = true;
              competing[0].upload(
                  "pentest",
                  "text/plain",
                  "the other admin's file".getBytes(StandardCharsets.UTF_8),
                  null,
                  "bo@example.com");
            }
          }

          @Override
          public boolean exists(String object) {
            return files.exists(object);
          }

          @Override
          public Download download(String object, String fileName, Duration validity) {
            return new Redirect(URI.create("https://example.invalid/"));
          }
        };
    DocumentLibrary library = new DocumentLibrary(store, racing, clock);
    competing[0] = library;
    ApiException conflict =
        assertThrows(
            ApiException.class,
            () ->
                library.upload(
                    "pentest",
                    "text/plain",
                    "my file".getBytes(StandardCharsets.UTF_8),
                    null,
                    "ana@example.com"));
    assertEquals(409, conflict.status());
    List<JsonObject> entries = logged();
    assertEquals(1, entries.size(), "only the upload that was stored");
    assertEquals(
        dev.trustcenter.http.Responses.sha256Hex("the other admin's file"),
        entries.get(0).getAsJsonObject("data").get("sha256").getAsString());

    assertEquals(
        415,
        assertThrows(
                ApiException.class,
                () ->
                    library.upload("pentest", "text/html", new byte[] {1}, null, "ana@example.com"))
            .status());
    assertEquals(
        400,
        assertThrows(
                ApiException.class,
                () -> library.upload("pentest", "text/plain", new byte[0], null, "ana@example.com"))
            .status());
    assertEquals(1, logged().size(), "refused uploads log nothing");
  }

  @Test
  void eachNdaVersionLogsTheHashOfEachLanguagesTextAndARefusedOneLogsNothing() {
    Nda nda = new Nda(store, clock);
    Nda.Version v1 = nda.current();
    nda.current();
    assertEquals(1, logged().size(), "the default text, once");
    clock.advance(Duration.ofHours(2));
    Text text =
        Text.of("Acuerdo de confidencialidad, versión 2", "Confidentiality agreement, version 2");
    Nda.Version v2 = nda.replace(text, "ana@example.com");
    assertThrows(
        ApiException.class, () -> nda.replace(Text.of("solo español", " "), "ana@example.com"));

    List<JsonObject> entries = logged();
    assertEquals(2, entries.size(), "the refused text logs nothing");
    for (int i = 0; i < 2; i++) {
      Nda.Version v = i == 0 ? v1 : v2;
      JsonObject e = entries.get(i);
      assertEquals("nda-version", e.get("kind").getAsString());
      assertEquals("nda", e.get("subject").getAsString());
      assertEquals(v.createdAt().toString(), e.get("time").getAsString());
      JsonObject data = e.getAsJsonObject("data");
      assertEquals(i + 1, data.get("version").getAsInt());
      assertEquals(v.sha256(Language.ES), data.getAsJsonObject("sha256").get("es").getAsString());
      assertEquals(v.sha256(Language.EN), data.getAsJsonObject("sha256").get("en").getAsString());
    }
    assertEquals(
        dev.trustcenter.http.Responses.sha256Hex("Confidentiality agreement, version 2"),
        entries.get(1).getAsJsonObject("data").getAsJsonObject("sha256").get("en").getAsString());
    String all = entries.toString();
    assertFalse(
        all.contains("ana@example.com") || all.contains("Confidentiality"),
        "neither who published it nor the text: " + all);
  }
}
