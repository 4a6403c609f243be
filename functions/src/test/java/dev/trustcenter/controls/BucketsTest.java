package dev.trustcenter.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.trustcenter.content.CheckOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bucket judgement the storage checks share ({@link Buckets#judgePrivate}). */
class BucketsTest {
  private final Fakes.FakeBuckets inspector =
      new Fakes.FakeBuckets()
          .with(Fakes.privateBucket("tc-documents"))
          .with(Fakes.privateBucket("tc-archive"));

  @Test
  void evidenceReadsPerRoleDocumentsFirstWithTheChecksOwnValuesBeforeTheAccessSettings() {
    Finding f =
        new Buckets("tc-archive", "tc-documents")
            .judgePrivate(inspector, (facts, e) -> e.put("location", facts.location()));

    assertEquals(CheckOutcome.PASSING, f.outcome());
    assertNull(f.note());
    assertEquals(List.of("documents", "archive"), List.copyOf(f.evidence().keySet()));
    Map<?, ?> documents = (Map<?, ?>) f.evidence().get("documents");
    assertEquals(
        List.of("location", "public_access_prevention", "uniform_bucket_level_access"),
        List.copyOf(documents.keySet()));
    assertEquals("EUROPE-WEST1", documents.get("location"));
  }

  @Test
  void everyProblemOfBothBucketsIsInTheNoteInRoleOrder() {
    inspector
        .with(
            new BucketFacts("tc-documents", "1", "inherited", true, false, 0, false, 0, null, "EU"))
        .with(
            new BucketFacts("tc-archive", "1", "enforced", false, false, 0, false, 0, null, "EU"));

    Finding f = new Buckets("tc-archive", "tc-documents").judgePrivate(inspector, (facts, e) -> {});

    assertEquals(CheckOutcome.FAILING, f.outcome());
    assertEquals(
        "documents bucket: public access prevention is inherited, expected enforced; "
            + "archive bucket: uniform bucket-level access is off (object ACLs could grant access)",
        f.note());
  }

  @Test
  void withoutBucketsItIsAnErrorNamingEveryMissingVariableAndReadsNothing() {
    BucketInspector never =
        bucket -> {
          throw new AssertionError("must not be called");
        };

    Finding f = new Buckets(null, null).judgePrivate(never, (facts, e) -> {});

    assertEquals(CheckOutcome.ERROR, f.outcome());
    assertEquals("ARCHIVE_BUCKET is not configured; DOCUMENTS_BUCKET is not configured", f.note());
    assertEquals(Map.of(), f.evidence());
    assertEquals(
        Finding.notConfigured("DOCUMENTS_BUCKET"),
        new Buckets("tc-archive", null).judgePrivate(never, (facts, e) -> {}));
  }
}
