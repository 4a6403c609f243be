package dev.trustcenter.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.Stamps;
import dev.trustcenter.store.StoredDocument;
import dev.trustcenter.testing.ForwardingStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SiteInputs.Reader} keeps what it parsed only while the stored text is the same: at every
 * step it reads what a fresh read gives.
 */
class SiteInputsReaderTest {
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  @TempDir Path dataDir;
  private DocumentStore store;
  private final SiteInputs.Reader reader = new SiteInputs.Reader();

  @BeforeEach
  void fill() {
    store = FileDocumentStore.open(dataDir);
    SiteTestData.fill(store, NOW);
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  @Test
  void aListWhoseTextDidNotChangeIsNotParsedAgain() {
    SiteInput first = reader.read(store);
    SiteInput second = reader.read(store);
    assertEquals(SiteInputs.read(store), second);
    assertSame(first.vendorLists().get("google-cloud"), second.vendorLists().get("google-cloud"));
    assertSame(first.changes().get(0), second.changes().get(0));
  }

  @Test
  void theSnapshotIsWhatParsingItWholeGives_itsContentParsedAgainOnlyWhenItChanged() {
    SiteInput first = reader.read(store);
    assertEquals(wholeSnapshot(), first.snapshot());
    assertFalse(first.snapshot().checks().isEmpty());
    assertFalse(first.snapshot().upstream().isEmpty());

    // A result changes the check summaries, not the content.
    new dev.trustcenter.controls.CheckResults(
            store, new dev.trustcenter.publicview.SnapshotWriter(365))
        .record(
            java.util.List.of(
                new dev.trustcenter.controls.CheckResult(
                    "encryption-at-rest",
                    dev.trustcenter.content.CheckOutcome.PASSING,
                    NOW.plusSeconds(60),
                    "gcp-cmek",
                    java.util.Map.of(),
                    null,
                    null,
                    true)),
            NOW.plusSeconds(60));
    SiteInput second = reader.read(store);
    assertEquals(wholeSnapshot(), second.snapshot());
    assertNotEquals(first.snapshot().checks(), second.snapshot().checks());
    assertSame(first.snapshot().content(), second.snapshot().content());
    // Only the summary of the control with the new result was parsed again.
    assertNotSame(
        first.snapshot().checks().get("encryption-at-rest"),
        second.snapshot().checks().get("encryption-at-rest"));
    assertSame(
        first.snapshot().checks().get("encryption-in-transit"),
        second.snapshot().checks().get("encryption-in-transit"));

    // An edit of the content is parsed.
    store.transaction(
        tx -> {
          dev.trustcenter.content.Profile p =
              dev.trustcenter.content.ContentRepository.read(tx).profile();
          tx.put(
              dev.trustcenter.content.ContentRepository.PROFILE,
              dev.trustcenter.content.ContentRepository.PROFILE,
              Json.write(
                  new dev.trustcenter.content.Profile(
                      "Otra Empresa S.L.", p.tagline(), p.overview(), p.securityContact())));
          dev.trustcenter.content.ContentRepository.touch(tx, NOW.plusSeconds(120));
          return null;
        });
    new dev.trustcenter.publicview.SnapshotWriter(365).rebuild(store, NOW.plusSeconds(120));
    SiteInput third = reader.read(store);
    assertEquals(wholeSnapshot(), third.snapshot());
    assertEquals("Otra Empresa S.L.", third.snapshot().content().profile().companyName());
  }

  private dev.trustcenter.publicview.PublicSnapshot wholeSnapshot() {
    return Json.read(
        dev.trustcenter.publicview.Snapshots.readRaw(store).orElseThrow().json(),
        dev.trustcenter.publicview.PublicSnapshot.class);
  }

  @Test
  void aChangedListIsParsedAgain() {
    VendorList before = reader.read(store).vendorLists().get("google-cloud");
    Instant verified = NOW.plus(Duration.ofHours(1));
    put(SiteInputs.VENDOR_LISTS, "google-cloud", SiteFixtures.googleList(verified));

    SiteInput after = reader.read(store);

    assertEquals(SiteInputs.read(store), after);
    assertNotSame(before, after.vendorLists().get("google-cloud"));
    assertEquals(verified, after.vendorLists().get("google-cloud").lastVerifiedAt());
  }

  @Test
  void aListThatTurnedUnreadableIsSkippedNotServedFromWhatWasKept() {
    assertTrue(reader.read(store).vendorLists().containsKey("google-cloud"));
    store.transaction(
        tx -> {
          tx.put(SiteInputs.VENDOR_LISTS, "google-cloud", "{\"sourceUrl\":\"https://x\"}");
          return null;
        });

    assertFalse(reader.read(store).vendorLists().containsKey("google-cloud"));
  }

  @Test
  void aDeletedListIsGoneAndComesBackParsedWhenWrittenAgain() {
    VendorList kept = reader.read(store).vendorLists().get("google-cloud");
    String text = store.get(SiteInputs.VENDOR_LISTS, "google-cloud").orElseThrow().json();
    writeLists(tx -> tx.delete(SiteInputs.VENDOR_LISTS, "google-cloud"));
    assertFalse(reader.read(store).vendorLists().containsKey("google-cloud"));

    writeLists(tx -> tx.put(SiteInputs.VENDOR_LISTS, "google-cloud", text));
    VendorList again = reader.read(store).vendorLists().get("google-cloud");
    // Forgotten once it was not read: the same text is parsed again, to an equal list.
    assertEquals(kept, again);
    assertNotSame(kept, again);
  }

  @Test
  void aStampedCollectionIsListedAgainOnlyWhenItsStampChanged() {
    java.util.Map<String, Integer> listed = new java.util.HashMap<>();
    DocumentStore counting =
        new ForwardingStore(store) {
          @Override
          public List<StoredDocument> list(String collection, Range range) {
            listed.merge(collection, 1, Integer::sum);
            return super.list(collection, range);
          }
        };
    // Without stamps (lists written by hand, as here) every read lists every collection, but for
    // one that was empty: its first write gives it a stamp.
    reader.read(counting);
    reader.read(counting);
    assertEquals(2, listed.get(SiteInputs.VENDOR_LISTS));
    assertEquals(2, listed.get(SiteInputs.VENDOR_CHANGES));
    assertEquals(1, listed.get(SiteInputs.PLANNED_CHANGES));

    // A write that touches the stamp, as the sync does: listed again, and seen.
    Instant verified = NOW.plus(Duration.ofHours(1));
    writeLists(
        tx ->
            tx.put(
                SiteInputs.VENDOR_LISTS,
                "google-cloud",
                Json.write(SiteFixtures.googleList(verified))));
    SiteInput after = reader.read(counting);
    assertEquals(3, listed.get(SiteInputs.VENDOR_LISTS));
    assertEquals(verified, after.vendorLists().get("google-cloud").lastVerifiedAt());

    // The stamp unchanged: the lists are not listed again and are what a fresh read gives.
    SiteInput again = reader.read(counting);
    assertEquals(3, listed.get(SiteInputs.VENDOR_LISTS));
    assertEquals(4, listed.get(SiteInputs.VENDOR_CHANGES));
    assertEquals(SiteInputs.read(store), again);
    assertSame(after.vendorLists().get("google-cloud"), again.vendorLists().get("google-cloud"));

    // A new stamp from another writer (here, a removal) is seen at the next read.
    writeLists(tx -> tx.delete(SiteInputs.VENDOR_LISTS, "google-cloud"));
    assertFalse(reader.read(counting).vendorLists().containsKey("google-cloud"));
    assertEquals(4, listed.get(SiteInputs.VENDOR_LISTS));
  }

  /** Writes the vendors' lists as every writer of them does: touching their stamp. */
  private void writeLists(java.util.function.Consumer<DocumentStore.Transaction> write) {
    store.transaction(
        tx -> {
          write.accept(tx);
          Stamps.touch(tx, SiteInputs.VENDOR_LISTS);
          return null;
        });
  }

  private void put(String collection, String id, Object value) {
    store.transaction(
        tx -> {
          tx.put(collection, id, Json.write(value));
          return null;
        });
  }
}
