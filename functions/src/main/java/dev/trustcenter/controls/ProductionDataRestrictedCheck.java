package dev.trustcenter.controls;

/**
 * Production Data Use is Restricted: the buckets holding production data can never be made public
 * (public access prevention enforced) and are reachable only through IAM (uniform bucket-level
 * access, no object ACLs). Who holds IAM roles on them is not inspected (that needs {@code
 * storage.buckets.getIamPolicy}, which the check's service account is deliberately not given); it
 * stays part of the manual access reviews.
 */
public final class ProductionDataRestrictedCheck extends AutomatedCheck {
  public static final String ID = "storage-private-buckets";
  public static final String CONTROL_ID = "production-data-use-is-restricted";

  private final BucketInspector inspector;
  private final Buckets buckets;

  public ProductionDataRestrictedCheck(BucketInspector inspector, Buckets buckets) {
    super(ID, CONTROL_ID, true); // access settings per role, no names
    this.inspector = inspector;
    this.buckets = buckets;
  }

  @Override
  public Finding run() {
    return buckets.judgePrivate(inspector, (f, e) -> {});
  }
}
