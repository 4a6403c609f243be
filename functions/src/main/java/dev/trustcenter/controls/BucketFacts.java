package dev.trustcenter.controls;

import java.util.Objects;

/**
 * A bucket's configuration as the control checks need it, free of SDK types.
 *
 * @param name the bucket name
 * @param projectNumber the number of the project that owns it, or null if not reported
 * @param publicAccessPrevention {@code enforced}, {@code inherited} or {@code unspecified} (lower
 *     case)
 * @param uniformBucketLevelAccess whether object ACLs are disabled (access only through IAM)
 * @param versioningEnabled whether overwritten and deleted objects are kept as noncurrent versions
 * @param retentionPeriodSeconds the retention policy's period, or 0 without one
 * @param retentionPolicyLocked whether that policy is locked (cannot be shortened or removed)
 * @param softDeleteRetentionSeconds how long deleted objects stay restorable, 0 when soft delete is
 *     off
 * @param defaultKmsKey the customer-managed key new objects are encrypted with, or null
 *     (Google-managed keys)
 * @param location e.g. {@code EUROPE-WEST1}
 */
public record BucketFacts(
    String name,
    String projectNumber,
    String publicAccessPrevention,
    boolean uniformBucketLevelAccess,
    boolean versioningEnabled,
    long retentionPeriodSeconds,
    boolean retentionPolicyLocked,
    long softDeleteRetentionSeconds,
    String defaultKmsKey,
    String location) {
  public BucketFacts {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(publicAccessPrevention, "publicAccessPrevention");
  }

  /**
   * Whether the bucket can never be made public: public access prevention enforced and object ACLs
   * disabled.
   */
  public boolean privateByConfiguration() {
    return "enforced".equals(publicAccessPrevention) && uniformBucketLevelAccess;
  }
}
