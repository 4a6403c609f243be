package dev.trustcenter.site;

import dev.trustcenter.publicview.PublicSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the site is rendered from.
 *
 * @param snapshot the public snapshot
 * @param snapshotJson the snapshot exactly as stored, the body of {@code trust.json}
 * @param vendorLists the synced upstream lists, by subprocessor id (empty before the first sync)
 * @param changes detected changes to those lists, newest first
 */
public record SiteInput(
    PublicSnapshot snapshot,
    String snapshotJson,
    Map<String, VendorList> vendorLists,
    List<VendorListChange> changes) {
  public SiteInput {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(snapshotJson, "snapshotJson");
    vendorLists = vendorLists == null ? Map.of() : Map.copyOf(vendorLists);
    changes = changes == null ? List.of() : List.copyOf(changes);
  }
}
