package dev.trustcenter.controls;

/**
 * Encryption-at-Rest for the buckets holding production data. Cloud Storage encrypts every object
 * at rest, always; what configuration can show is which keys are used (Google-managed or a
 * customer-managed Cloud KMS key) and that the encrypted data cannot be made public (public access
 * prevention enforced, uniform bucket-level access). Passing iff both buckets can be read and are
 * private by configuration. Firestore also encrypts all data at rest with no setting to turn it
 * off; it is not inspected here.
 */
public final class EncryptionAtRestCheck extends AutomatedCheck {
  public static final String ID = "storage-encryption-at-rest";
  public static final String CONTROL_ID = "encryption-at-rest";

  private final BucketInspector inspector;
  private final Buckets buckets;

  public EncryptionAtRestCheck(BucketInspector inspector, Buckets buckets) {
    super(ID, CONTROL_ID, true); // no names or keys: roles, key kinds and access settings only
    this.inspector = inspector;
    this.buckets = buckets;
  }

  @Override
  public Finding run() {
    return buckets.judgePrivate(
        inspector,
        (f, e) -> {
          e.put("encrypted_at_rest", true);
          e.put("encryption", f.defaultKmsKey() == null ? "google_managed" : "customer_managed");
        });
  }
}
