package dev.trustcenter.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.google.cloud.storage.Bucket;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.trustcenter.controls.BucketFacts;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The adapter's mapping. Google's in-memory fake (LocalStorageHelper) does not keep bucket metadata
 * (it answers no bucket at all), so the SDK's {@link Storage} and {@link Bucket}, which we do not
 * own, are mocked with Mockito; the bucket's fields come from real {@link BucketInfo} objects built
 * with the SDK's own builder.
 */
class GcsBucketInspectorTest {

  @Test
  void mapsTheProtectiveSettingsOfAnArchiveBucket() {
    BucketInfo info =
        BucketInfo.newBuilder("tc-archive")
            .setLocation("EUROPE-WEST1")
            .setVersioningEnabled(true)
            .setRetentionPeriodDuration(Duration.ofDays(1095))
            .setDefaultKmsKeyName("projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k")
            .setSoftDeletePolicy(
                BucketInfo.SoftDeletePolicy.newBuilder()
                    .setRetentionDuration(Duration.ofDays(7))
                    .build())
            .setIamConfiguration(
                BucketInfo.IamConfiguration.newBuilder()
                    .setIsUniformBucketLevelAccessEnabled(true)
                    .setPublicAccessPrevention(BucketInfo.PublicAccessPrevention.ENFORCED)
                    .build())
            .build();

    BucketFacts f = GcsBucketInspector.facts(info);

    assertEquals("tc-archive", f.name());
    assertEquals("enforced", f.publicAccessPrevention());
    assertTrue(f.uniformBucketLevelAccess());
    assertTrue(f.versioningEnabled());
    assertEquals(1095 * 86400L, f.retentionPeriodSeconds());
    assertEquals(7 * 86400L, f.softDeleteRetentionSeconds());
    assertEquals("projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k", f.defaultKmsKey());
    assertEquals("EUROPE-WEST1", f.location());
    assertTrue(f.privateByConfiguration());
  }

  @Test
  void absentSettingsReadAsUnprotected() {
    BucketFacts f = GcsBucketInspector.facts(BucketInfo.of("bare"));
    assertEquals("unspecified", f.publicAccessPrevention());
    assertFalse(f.uniformBucketLevelAccess());
    assertFalse(f.versioningEnabled());
    assertEquals(0, f.retentionPeriodSeconds());
    assertNull(f.defaultKmsKey());
    assertNull(f.projectNumber());
    assertFalse(f.privateByConfiguration());
  }

  @Test
  void readsTheBucketThroughStorageGetIncludingItsProject() {
    Storage storage = mock(Storage.class);
    Bucket bucket = mock(Bucket.class);
    when(bucket.getName()).thenReturn("tc-documents");
    when(bucket.getProject()).thenReturn(new BigInteger("123456789012"));
    when(bucket.getIamConfiguration())
        .thenReturn(
            BucketInfo.IamConfiguration.newBuilder()
                .setIsUniformBucketLevelAccessEnabled(true)
                .setPublicAccessPrevention(BucketInfo.PublicAccessPrevention.INHERITED)
                .build());
    when(storage.get("tc-documents")).thenReturn(bucket);

    BucketFacts f = new GcsBucketInspector(storage).inspect("tc-documents");

    assertEquals("123456789012", f.projectNumber());
    assertEquals("inherited", f.publicAccessPrevention());
    assertFalse(f.privateByConfiguration());
  }

  @Test
  void aMissingBucketOrADeniedReadFailsWithTheReason() {
    Storage storage = mock(Storage.class);
    when(storage.get("gone")).thenReturn(null);
    when(storage.get("denied"))
        .thenThrow(new StorageException(403, "caller does not have storage.buckets.get access"));
    GcsBucketInspector inspector = new GcsBucketInspector(storage);

    assertEquals(
        "bucket gone does not exist",
        assertThrows(IllegalStateException.class, () -> inspector.inspect("gone")).getMessage());
    String denied =
        assertThrows(IllegalStateException.class, () -> inspector.inspect("denied")).getMessage();
    assertTrue(denied.contains("HTTP 403") && denied.contains("storage.buckets.get"), denied);
  }

  @Test
  void googlesInMemoryFakeHasNoBucketMetadataToMap() {
    // Documents why the tests above mock: the fake answers no bucket, so an adapter test against it
    // proves nothing.
    Storage fake = LocalStorageHelper.getOptions().getService();
    assertThrows(RuntimeException.class, () -> new GcsBucketInspector(fake).inspect("tc-archive"));
  }
}
