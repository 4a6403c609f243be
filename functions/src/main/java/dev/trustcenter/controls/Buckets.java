package dev.trustcenter.controls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The production data buckets the storage checks inspect: {@code documents} (gated documents) and
 * {@code archive} (evidence, fetched pages). Shared by those checks so that they read and describe
 * buckets the same way.
 *
 * @param archive {@code ARCHIVE_BUCKET}, or null when not configured
 * @param documents {@code DOCUMENTS_BUCKET}, or null when not configured
 */
public record Buckets(String archive, String documents) {

  /**
   * Why the buckets cannot be checked (a variable is missing), or null when both are configured.
   */
  public String missing() {
    List<String> missing = new ArrayList<>();
    if (archive == null) {
      missing.add("ARCHIVE_BUCKET is not configured");
    }
    if (documents == null) {
      missing.add("DOCUMENTS_BUCKET is not configured");
    }
    return missing.isEmpty() ? null : String.join("; ", missing);
  }

  /** Both buckets' facts by role ({@code documents}, {@code archive}). */
  Map<String, BucketFacts> inspect(BucketInspector inspector) {
    Map<String, BucketFacts> out = new LinkedHashMap<>();
    out.put("documents", inspector.inspect(documents));
    out.put("archive", inspector.inspect(archive));
    return out;
  }

  /** The access configuration of a private bucket, as evidence. */
  static Map<String, Object> access(BucketFacts f) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("public_access_prevention", f.publicAccessPrevention());
    e.put("uniform_bucket_level_access", f.uniformBucketLevelAccess());
    return e;
  }

  /** The problems that keep {@code role}'s bucket from being private by configuration. */
  static List<String> accessProblems(String role, BucketFacts f) {
    List<String> problems = new ArrayList<>();
    if (!"enforced".equals(f.publicAccessPrevention())) {
      problems.add(
          role
              + " bucket: public access prevention is "
              + f.publicAccessPrevention()
              + ", expected enforced");
    }
    if (!f.uniformBucketLevelAccess()) {
      problems.add(
          role + " bucket: uniform bucket-level access is off (object ACLs could grant access)");
    }
    return problems;
  }
}
