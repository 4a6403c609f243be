package dev.trustcenter.storage;

import com.google.cloud.storage.Bucket;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import dev.trustcenter.controls.BucketFacts;
import dev.trustcenter.controls.BucketInspector;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * {@link BucketInspector} on Cloud Storage: one {@code storage.get(bucket)} (the JSON API's {@code
 * buckets.get}, permission {@code storage.buckets.get}; no object access).
 *
 * @see <a href="https://cloud.google.com/storage/docs/json_api/v1/buckets/get">buckets.get</a>
 */
public final class GcsBucketInspector implements BucketInspector {
  private final Storage storage;

  /** Over a Storage client with the runtime's default credentials. */
  public static GcsBucketInspector withDefaultCredentials() {
    return new GcsBucketInspector(
        com.google.cloud.storage.StorageOptions.getDefaultInstance().getService());
  }

  public GcsBucketInspector(Storage storage) {
    this.storage = Objects.requireNonNull(storage, "storage");
  }

  @Override
  public BucketFacts inspect(String bucket) {
    Bucket b;
    try {
      b = storage.get(bucket);
    } catch (StorageException e) {
      throw new IllegalStateException(
          "cannot read the configuration of bucket "
              + bucket
              + " (HTTP "
              + e.getCode()
              + "): "
              + e.getMessage(),
          e);
    }
    if (b == null) {
      throw new IllegalStateException("bucket " + bucket + " does not exist");
    }
    return facts(b);
  }

  /**
   * Maps the SDK's view; absent settings read as their least protective value, never as protection.
   */
  static BucketFacts facts(BucketInfo b) {
    BucketInfo.IamConfiguration iam = b.getIamConfiguration();
    BucketInfo.PublicAccessPrevention pap = iam == null ? null : iam.getPublicAccessPrevention();
    Duration retention = b.getRetentionPeriodDuration();
    BucketInfo.SoftDeletePolicy softDelete = b.getSoftDeletePolicy();
    Duration softDeleteRetention = softDelete == null ? null : softDelete.getRetentionDuration();
    return new BucketFacts(
        b.getName(),
        b.getProject() == null ? null : b.getProject().toString(),
        pap == null ? "unspecified" : pap.name().toLowerCase(Locale.ROOT),
        iam != null && Boolean.TRUE.equals(iam.isUniformBucketLevelAccessEnabled()),
        Boolean.TRUE.equals(b.versioningEnabled()),
        retention == null ? 0 : retention.getSeconds(),
        Boolean.TRUE.equals(b.retentionPolicyIsLocked()),
        softDeleteRetention == null ? 0 : softDeleteRetention.getSeconds(),
        b.getDefaultKmsKeyName(),
        b.getLocation());
  }
}
