package dev.trustcenter.controls;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether a Google Cloud location lies inside the regions an admin declared ({@code
 * DATA_RESIDENCY}). A declared value is either a group ({@code EU}) or one exact location ({@code
 * europe-west1}, {@code eur3}, {@code EU}).
 *
 * <p>The {@code EU} group lists only locations whose every data center is in a member state of the
 * European Union: regions in Belgium, Finland, France, Germany, Italy, the Netherlands, Poland,
 * Spain and Sweden, Cloud Storage's {@code EU} multi-region and {@code EUR4} dual-region (Finland
 * and the Netherlands), and Firestore's {@code eur3} multi-region (Belgium and the Netherlands).
 * London ({@code europe-west2}) and Zurich ({@code europe-west6}) are in Europe but not in the EU,
 * and so are dual-regions that include them. A location this table does not know is outside: the
 * check fails closed, and an admin who knows better declares that exact location.
 *
 * @see <a href="https://cloud.google.com/about/locations">Google Cloud locations</a>
 * @see <a href="https://cloud.google.com/storage/docs/locations">Cloud Storage locations</a>
 * @see <a href="https://cloud.google.com/firestore/docs/locations">Firestore locations</a>
 */
public final class Residency {
  private static final Map<String, Set<String>> GROUPS =
      Map.of(
          "eu",
          Set.of(
              "eu",
              "eur3",
              "eur4",
              "europe-west1",
              "europe-west3",
              "europe-west4",
              "europe-west8",
              "europe-west9",
              "europe-west10",
              "europe-west12",
              "europe-north1",
              "europe-north2",
              "europe-central2",
              "europe-southwest1"));

  private final List<String> declared;

  /**
   * @param declared the declared groups or locations, in any case
   */
  public Residency(List<String> declared) {
    this.declared = declared.stream().map(Residency::normalize).toList();
  }

  /** Whether anything was declared; without a declaration nothing can be judged. */
  public boolean declared() {
    return !declared.isEmpty();
  }

  /** Whether {@code location} is one of the declared locations or inside a declared group. */
  public boolean inside(String location) {
    if (location == null || location.isBlank()) {
      return false;
    }
    String l = normalize(location);
    for (String d : declared) {
      if (d.equals(l) || GROUPS.getOrDefault(d, Set.of()).contains(l)) {
        return true;
      }
    }
    return false;
  }

  /** Lower case, without the {@code projects/N/regions/} prefix the metadata server uses. */
  static String normalize(String location) {
    String l = location.strip().toLowerCase(Locale.ROOT);
    int slash = l.lastIndexOf('/');
    return slash >= 0 ? l.substring(slash + 1) : l;
  }
}
