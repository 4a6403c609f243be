package dev.trustcenter.controls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encryption-at-Rest for the buckets holding production data. Cloud Storage encrypts every object
 * at rest, always; what configuration can show is which keys are used (Google-managed or a
 * customer-managed Cloud KMS key) and that the encrypted data cannot be made public (public access
 * prevention enforced, uniform bucket-level access). Passing iff both buckets can be read and are
 * private by configuration. Firestore also encrypts all data at rest with no setting to turn it
 * off; it is not inspected here.
 */
public final class EncryptionAtRestCheck implements ControlCheck {
  public static final String ID = "storage-encryption-at-rest";
  public static final String CONTROL_ID = "encryption-at-rest";

  private final BucketInspector inspector;
  private final Buckets buckets;

  public EncryptionAtRestCheck(BucketInspector inspector, Buckets buckets) {
    this.inspector = inspector;
    this.buckets = buckets;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String controlId() {
    return CONTROL_ID;
  }

  @Override
  public boolean publicEvidence() {
    return true; // no names or keys: roles, key kinds and access settings only
  }

  @Override
  public Finding run() {
    if (buckets.missing() != null) {
      return Finding.error(buckets.missing());
    }
    Map<String, Object> evidence = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    buckets
        .inspect(inspector)
        .forEach(
            (role, f) -> {
              Map<String, Object> e = new LinkedHashMap<>();
              e.put("encrypted_at_rest", true);
              e.put(
                  "encryption", f.defaultKmsKey() == null ? "google_managed" : "customer_managed");
              e.putAll(Buckets.access(f));
              evidence.put(role, e);
              problems.addAll(Buckets.accessProblems(role, f));
            });
    return Finding.judge(evidence, problems);
  }
}
