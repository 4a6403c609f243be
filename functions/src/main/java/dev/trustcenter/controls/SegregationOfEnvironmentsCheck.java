package dev.trustcenter.controls;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Segregation of Environments, as far as production's own configuration can show it: production
 * runs in its own Google Cloud project, different from every declared non-production project
 * ({@code NON_PRODUCTION_PROJECTS}); the production Firestore database is in the production
 * project; and both production buckets belong to one and the same project. What it cannot show:
 * that nobody copies production data into another environment, or who has access to each project;
 * those stay with the manual access reviews. Without declared non-production projects it cannot
 * judge and records an error.
 */
public final class SegregationOfEnvironmentsCheck extends AutomatedCheck {
  public static final String ID = "gcp-project-segregation";
  public static final String CONTROL_ID = "segregation-of-environments";

  private final BucketInspector inspector;
  private final DatabaseInspector database;
  private final Buckets buckets;
  private final String productionProject;
  private final List<String> nonProductionProjects;

  public SegregationOfEnvironmentsCheck(
      BucketInspector inspector,
      DatabaseInspector database,
      Buckets buckets,
      String productionProject,
      List<String> nonProductionProjects) {
    super(ID, CONTROL_ID, false); // names projects and project numbers
    this.inspector = inspector;
    this.database = database;
    this.buckets = buckets;
    this.productionProject = productionProject;
    this.nonProductionProjects = List.copyOf(nonProductionProjects);
  }

  @Override
  public Finding run() {
    if (productionProject == null) {
      return Finding.notConfigured("GOOGLE_CLOUD_PROJECT");
    }
    if (nonProductionProjects.isEmpty()) {
      return Finding.error(
          Finding.notConfiguredReason("NON_PRODUCTION_PROJECTS")
              + ": there is nothing to compare production with");
    }
    if (buckets.missing() != null) {
      return Finding.error(buckets.missing());
    }
    DatabaseFacts db = database.inspect();
    Map<String, BucketFacts> facts = buckets.inspect(inspector);

    Set<String> bucketProjects = new LinkedHashSet<>();
    Map<String, Object> bucketEvidence = new LinkedHashMap<>();
    facts.forEach(
        (role, f) -> {
          bucketEvidence.put(role, f.projectNumber());
          bucketProjects.add(String.valueOf(f.projectNumber()));
        });
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("production_project", productionProject);
    evidence.put("non_production_projects", nonProductionProjects);
    evidence.put("firestore_project", db.projectId());
    evidence.put("bucket_project_numbers", bucketEvidence);

    List<String> problems = new ArrayList<>();
    if (nonProductionProjects.contains(productionProject)) {
      problems.add(
          "the production project " + productionProject + " is also declared as non-production");
    }
    if (!productionProject.equals(db.projectId())) {
      problems.add(
          "the Firestore database is in project "
              + db.projectId()
              + ", not in "
              + productionProject);
    }
    if (bucketProjects.contains("null")) {
      problems.add("a production bucket does not report its project");
    } else if (bucketProjects.size() != 1) {
      problems.add("the production buckets belong to different projects: " + bucketProjects);
    }
    return Finding.judge(evidence, problems);
  }
}
