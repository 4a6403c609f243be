package dev.trustcenter.controls;

import dev.trustcenter.content.CheckOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Data Residency: every place that holds or processes the trust center's data is inside the regions
 * an admin declared ({@code DATA_RESIDENCY}, e.g. {@code EU}). It reads what the deployment
 * reports, never what it was told: the Firestore database's location (Firestore Admin API), the
 * location of the documents, archive and site buckets (Cloud Storage JSON API) and the functions'
 * region (the metadata server). The observed locations are its public evidence, which the page
 * shows as "Data location".
 *
 * <p>Without a Google Cloud project there is no database to read: the local server's embedded store
 * has no location, and the check says so rather than inventing one.
 */
public final class DataResidencyCheck extends AutomatedCheck {
  public static final String ID = "gcp-data-residency";
  public static final String CONTROL_ID = "data-residency";

  private final BucketInspector buckets;
  private final DatabaseInspector database;
  private final RegionSource region;
  private final Buckets production;
  private final String siteBucket;
  private final String project;
  private final Residency residency;
  private final List<String> declared;

  public DataResidencyCheck(
      BucketInspector buckets,
      DatabaseInspector database,
      RegionSource region,
      Buckets production,
      String siteBucket,
      String project,
      List<String> declared) {
    super(ID, CONTROL_ID, true); // locations only: no bucket names, no project
    this.buckets = buckets;
    this.database = database;
    this.region = region;
    this.production = production;
    this.siteBucket = siteBucket;
    this.project = project;
    this.declared = List.copyOf(declared);
    this.residency = new Residency(declared);
  }

  @Override
  public Finding run() throws Exception {
    if (project == null) {
      return new Finding(
          CheckOutcome.ERROR,
          Map.of("local_development", true),
          "local development: the embedded store has no location to read (GOOGLE_CLOUD_PROJECT is not set)");
    }
    if (production.missing() != null) {
      return Finding.error(production.missing());
    }
    if (siteBucket == null) {
      return Finding.notConfigured("SITE_BUCKET");
    }
    Map<String, String> observed = new LinkedHashMap<>();
    observed.put("firestore", database.inspect().locationId());
    production
        .inspect(buckets)
        .forEach((role, facts) -> observed.put(role + "_bucket", facts.location()));
    observed.put("site_bucket", buckets.inspect(siteBucket).location());
    observed.put("functions", Residency.normalize(region.region()));

    Map<String, Object> evidence = new LinkedHashMap<>();
    observed.forEach((what, where) -> evidence.put(what, where == null ? "unknown" : where));
    evidence.put("declared", declared);
    if (!residency.declared()) {
      return new Finding(
          CheckOutcome.ERROR,
          evidence,
          Finding.notConfiguredReason("DATA_RESIDENCY")
              + ": declare where the data must stay (e.g. EU)");
    }
    List<String> problems = new ArrayList<>();
    observed.forEach(
        (what, where) -> {
          if (!residency.inside(where)) {
            problems.add(
                what
                    + " is in "
                    + (where == null ? "an unreported location" : where)
                    + ", outside "
                    + declared);
          }
        });
    return Finding.judge(evidence, problems);
  }
}
