package dev.trustcenter.controls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

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
      missing.add(Finding.notConfiguredReason("ARCHIVE_BUCKET"));
    }
    if (documents == null) {
      missing.add(Finding.notConfiguredReason("DOCUMENTS_BUCKET"));
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

  /**
   * Judges both buckets as private by configuration (public access prevention enforced, uniform
   * bucket-level access): passing iff both are. The evidence per role is what {@code own} adds for
   * that bucket, then its access settings. An error naming the variable when a bucket is not
   * configured.
   */
  Finding judgePrivate(
      BucketInspector inspector, BiConsumer<BucketFacts, Map<String, Object>> own) {
    if (missing() != null) {
      return Finding.error(missing());
    }
    Map<String, Object> evidence = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    inspect(inspector)
        .forEach(
            (role, f) -> {
              Map<String, Object> e = new LinkedHashMap<>();
              own.accept(f, e);
              e.put("public_access_prevention", f.publicAccessPrevention());
              e.put("uniform_bucket_level_access", f.uniformBucketLevelAccess());
              evidence.put(role, e);
              problems.addAll(accessProblems(role, f));
            });
    return Finding.judge(evidence, problems);
  }

  /** The problems that keep {@code role}'s bucket from being private by configuration. */
  private static List<String> accessProblems(String role, BucketFacts f) {
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
