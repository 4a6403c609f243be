package dev.trustcenter.controls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Production Data Use is Restricted: the buckets holding production data can never be made public
 * (public access prevention enforced) and are reachable only through IAM (uniform bucket-level
 * access, no object ACLs). Who holds IAM roles on them is not inspected (that needs {@code
 * storage.buckets.getIamPolicy}, which the check's service account is deliberately not given); it
 * stays part of the manual access reviews.
 */
public final class ProductionDataRestrictedCheck implements ControlCheck {
  public static final String ID = "storage-private-buckets";
  public static final String CONTROL_ID = "production-data-use-is-restricted";

  private final BucketInspector inspector;
  private final Buckets buckets;

  public ProductionDataRestrictedCheck(BucketInspector inspector, Buckets buckets) {
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
    return true; // access settings per role, no names
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
              evidence.put(role, Buckets.access(f));
              problems.addAll(Buckets.accessProblems(role, f));
            });
    return Finding.judge(evidence, problems);
  }
}
