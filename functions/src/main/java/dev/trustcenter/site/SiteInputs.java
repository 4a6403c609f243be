package dev.trustcenter.site;

import com.google.gson.JsonParseException;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.PublicSnapshot;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import dev.trustcenter.subprocessors.SubprocessorSync;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Reads what the site is rendered from out of the store: the public snapshot, the synced upstream
 * lists ({@value #VENDOR_LISTS}, one document per vendor) and their recent changes ({@value
 * #VENDOR_CHANGES}, ids starting with the detection time). The two list collections are written by
 * the subprocessor sync; until it has run they are empty and the site says the lists were not
 * synced yet. A document that cannot be read is skipped with a warning rather than blocking the
 * whole publish.
 */
public final class SiteInputs {
  private static final Logger LOG = Logger.getLogger(SiteInputs.class.getName());
  static final String VENDOR_LISTS = Snapshots.UPSTREAM_LISTS;
  static final String VENDOR_CHANGES = SubprocessorSync.CHANGES;

  /** The company's own scheduled subprocessor changes ({@code subscriptions.PlannedChanges}). */
  static final String PLANNED_CHANGES = "subprocessor-plans";

  /** How many recent changes the pages and the feed show. */
  static final int CHANGES_SHOWN = 100;

  private SiteInputs() {}

  /**
   * The inputs as stored now.
   *
   * @throws IllegalStateException if no snapshot was ever written (seed the store first)
   */
  public static SiteInput read(DocumentStore store) {
    StoredDocument raw =
        Snapshots.readRaw(store)
            .orElseThrow(() -> new IllegalStateException("no public snapshot stored yet"));
    PublicSnapshot snapshot = Json.read(raw.json(), PublicSnapshot.class);
    Map<String, VendorList> lists = new LinkedHashMap<>();
    for (StoredDocument d : store.list(VENDOR_LISTS, Range.all())) {
      try {
        StoredList s = Json.read(d.json(), StoredList.class);
        if (s == null || s.lastVerifiedAt == null) {
          throw new JsonParseException("no lastVerifiedAt");
        }
        List<VendorList.Entry> entries = new ArrayList<>();
        if (s.entries != null) {
          for (StoredEntry e : s.entries) {
            if (e != null && e.name != null && !e.name.isBlank()) {
              entries.add(new VendorList.Entry(e.name, e.countries, e.activity, e.group));
            }
          }
        }
        int count = s.entries != null ? entries.size() : s.entryCount;
        lists.put(
            d.id(),
            new VendorList(
                d.id(),
                s.sourceUrl,
                s.lastVerifiedAt,
                s.pageUpdated,
                count,
                entries,
                s.lastChangeAt));
      } catch (RuntimeException e) {
        LOG.warning("skipping unreadable subprocessor list " + d.id() + ": " + e.getMessage());
      }
    }
    List<VendorListChange> changes = new ArrayList<>();
    for (StoredDocument d : store.list(VENDOR_CHANGES, Range.newest(null, CHANGES_SHOWN))) {
      try {
        StoredChange c = Json.read(d.json(), StoredChange.class);
        changes.add(
            new VendorListChange(
                d.id(), c.vendor, c.kind, c.name, c.group, c.countries, c.activity, c.detectedAt));
      } catch (RuntimeException e) {
        LOG.warning("skipping unreadable subprocessor change " + d.id() + ": " + e.getMessage());
      }
    }
    List<UpcomingChange> upcoming = new ArrayList<>();
    for (StoredDocument d : store.list(PLANNED_CHANGES, Range.all())) {
      try {
        StoredPlan p = Json.read(d.json(), StoredPlan.class);
        if (!"scheduled".equals(p.status)) {
          continue;
        }
        StoredSubprocessor shown = p.after != null ? p.after : p.before;
        upcoming.add(
            new UpcomingChange(
                d.id(),
                p.kind,
                p.subprocessorId,
                shown == null ? p.subprocessorId : shown.name,
                p.after == null ? null : p.after.purpose,
                p.after == null ? List.of() : p.after.dataLocations,
                p.changed,
                p.effectiveOn,
                p.scheduledAt));
      } catch (RuntimeException e) {
        LOG.warning("skipping unreadable planned change " + d.id() + ": " + e.getMessage());
      }
    }
    upcoming.sort(
        java.util.Comparator.comparing(UpcomingChange::effectiveOn)
            .thenComparing(UpcomingChange::id));
    return new SiteInput(snapshot, raw.json(), lists, changes, upcoming);
  }

  /** The stored shape of a planned change; fields the site does not need are ignored. */
  private static final class StoredPlan {
    String kind;
    String subprocessorId;
    StoredSubprocessor after;
    StoredSubprocessor before;
    List<String> changed;
    LocalDate effectiveOn;
    String status;
    Instant scheduledAt;
  }

  private static final class StoredSubprocessor {
    String name;
    dev.trustcenter.content.Text purpose;
    List<dev.trustcenter.content.Text> dataLocations;
  }

  /** The stored shape of a synced list; fields the site does not need are ignored. */
  private static final class StoredList {
    String sourceUrl;
    Instant lastVerifiedAt;
    LocalDate pageUpdated;
    int entryCount;
    List<StoredEntry> entries;
    Instant lastChangeAt;
  }

  private static final class StoredEntry {
    String name;
    List<String> countries;
    String activity;
    String group;
  }

  private static final class StoredChange {
    String vendor;
    String kind;
    String name;
    String group;
    List<String> countries;
    String activity;
    Instant detectedAt;
  }
}
