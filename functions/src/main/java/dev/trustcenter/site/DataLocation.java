package dev.trustcenter.site;

import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.publicview.TrustCenterView.CheckResultView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the data is, as the Data Residency check last read it from the deployment: never typed by
 * an admin, never guessed. Built from the public evidence of that control's latest result.
 *
 * @param readAt when the locations were read, or null when they never were
 * @param outcome the check's outcome then ({@code passing}: every location inside the declared
 *     regions)
 * @param locations what holds or processes the data ({@link #PLACES}) and where, in that order;
 *     empty when the check could not read them
 * @param declared the regions the data must stay in ({@code DATA_RESIDENCY}), empty when none were
 *     declared
 * @param localDevelopment whether the trust center runs on the embedded store of a local server,
 *     which has no cloud location
 */
public record DataLocation(
    Instant readAt,
    CheckOutcome outcome,
    Map<String, String> locations,
    List<String> declared,
    boolean localDevelopment) {
  /**
   * The control whose automated check reads the locations (see {@code
   * controls.DataResidencyCheck}).
   */
  public static final String CONTROL_ID = "data-residency";

  /** The evidence keys of the places, in the order they are shown. */
  public static final List<String> PLACES =
      List.of("firestore", "documents_bucket", "archive_bucket", "site_bucket", "functions");

  public DataLocation {
    locations = Map.copyOf(locations);
    declared = List.copyOf(declared);
  }

  /** Never read: no result of the Data Residency check yet. */
  static final DataLocation NOT_READ = new DataLocation(null, null, Map.of(), List.of(), false);

  /** From the control's public results, newest first. */
  static DataLocation from(List<CheckResultView> results) {
    if (results.isEmpty()) {
      return NOT_READ;
    }
    CheckResultView last = results.get(0);
    Map<String, String> locations = new LinkedHashMap<>();
    List<String> declared = new ArrayList<>();
    if (last.evidence() instanceof Map<?, ?> evidence) {
      for (String place : PLACES) {
        Object where = evidence.get(place);
        if (where != null) {
          locations.put(place, String.valueOf(where));
        }
      }
      if (evidence.get("declared") instanceof List<?> list) {
        list.forEach(d -> declared.add(String.valueOf(d)));
      }
    }
    boolean local =
        last.evidence() instanceof Map<?, ?> evidence
            && Boolean.TRUE.equals(evidence.get("local_development"));
    return new DataLocation(last.checkedAt(), last.outcome(), locations, declared, local);
  }

  /** The places in display order with their locations. */
  List<Map.Entry<String, String>> placesInOrder() {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (String place : PLACES) {
      if (locations.containsKey(place)) {
        out.add(Map.entry(place, locations.get(place)));
      }
    }
    return out;
  }
}
