package dev.trustcenter.site;

import com.google.gson.JsonParseException;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.PublicSnapshot;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.Stamps;
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

  /**
   * The company's own scheduled subprocessor changes ({@code subscriptions.PlannedChanges}, which
   * touches the collection's stamp with every write).
   */
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
    return new Reader().read(store);
  }

  /**
   * Reads the inputs like {@link SiteInputs#read}, keeping what it parsed: a list, change or plan
   * whose stored text is the same as at this reader's last read is not parsed again (between two
   * publishes of a warm instance they rarely change; at 2,000 upstream entries parsing them took
   * more time than rendering the pages that changed). The snapshot is read every time; the lists,
   * their changes and the plans are listed again only when their collection's {@link Stamps stamp}
   * changed (or it has none), so a change is never missed and an unchanged collection costs one
   * small read, not a query over its documents. Not thread-safe: the publisher reads under its own
   * lock.
   */
  public static final class Reader {
    private Map<String, Parsed> kept = Map.of();
    private Map<String, Parsed> used = new java.util.HashMap<>();
    private final Map<String, Listing> listings = new java.util.HashMap<>();

    /** What a listing of {@code range} gave after the collection's stamp read {@code stamp}. */
    private record Listing(String stamp, Range range, List<StoredDocument> documents) {}

    /**
     * The inputs as stored now.
     *
     * @throws IllegalStateException if no snapshot was ever written (seed the store first)
     */
    public SiteInput read(DocumentStore store) {
      used = new java.util.HashMap<>();
      try {
        return readAll(store);
      } finally {
        kept = used;
      }
    }

    /** The value parsed from {@code json}: kept from the last read when the text is the same. */
    private <T> T parsed(
        String collection, String id, String json, java.util.function.Function<String, T> parse) {
      String key = collection + "/" + id;
      Parsed p = kept.get(key);
      if (p == null || !p.json().equals(json)) {
        p = new Parsed(json, parse.apply(json));
      }
      used.put(key, p);
      @SuppressWarnings("unchecked")
      T value = (T) p.value();
      return value;
    }

    /**
     * The stored snapshot as {@code Json.read(json, PublicSnapshot.class)} gives it, each member
     * parsed again only when its stored text changed: the content, the largest member but the ready
     * answers (176 KB at 300 controls), changes only when admins edit it; the check summaries
     * change with every result.
     */
    private PublicSnapshot snapshot(String json) {
      Map<String, StoredJson.Member> stored = new java.util.HashMap<>();
      for (StoredJson.Member m : StoredJson.members(json)) {
        stored.put(m.name(), m);
      }
      Object[] values = new Object[SNAPSHOT_COMPONENTS.length];
      for (int i = 0; i < values.length; i++) {
        java.lang.reflect.RecordComponent c = SNAPSHOT_COMPONENTS[i];
        StoredJson.Member m = stored.get(c.getName());
        if (m == null) {
          values[i] = c.getType() == int.class ? 0 : null;
          continue;
        }
        String key = Snapshots.SNAPSHOT_ID + "#" + c.getName();
        String text = json.substring(m.valueStart(), m.end());
        java.lang.reflect.Type type = c.getGenericType();
        values[i] =
            c.getType() == Map.class && text.startsWith("{")
                ? entries(key, text, ((java.lang.reflect.ParameterizedType) type))
                : parsed(Snapshots.COLLECTION, key, text, t -> Json.read(t, type));
      }
      try {
        return SNAPSHOT_CONSTRUCTOR.newInstance(values);
      } catch (java.lang.reflect.InvocationTargetException e) {
        throw new JsonParseException("stored snapshot refused: " + e.getCause(), e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * A map member entry by entry, each parsed again only when its text changed: one result changes
     * one control's check summary, not the 300 others.
     */
    private Map<String, Object> entries(
        String key, String text, java.lang.reflect.ParameterizedType type) {
      java.lang.reflect.Type valueType = type.getActualTypeArguments()[1];
      Map<String, Object> out = new LinkedHashMap<>();
      for (StoredJson.Member e : StoredJson.members(text)) {
        if (out.containsKey(e.name())) {
          throw new JsonParseException("stored snapshot: duplicate key " + e.name());
        }
        out.put(
            e.name(),
            parsed(
                Snapshots.COLLECTION,
                key + "/" + e.name(),
                text.substring(e.valueStart(), e.end()),
                t -> Json.read(t, valueType)));
      }
      return out;
    }

    /**
     * The collection's documents in {@code range}: those listed last time when its stamp is the one
     * read then, else listed now. The stamp is read before listing, so a write between the two
     * gives a new stamp and the next read lists again. A collection without a stamp is listed every
     * time unless it was empty: its first write gives it one (the company's plans, say, before the
     * first is scheduled).
     */
    private List<StoredDocument> listed(DocumentStore store, String collection, Range range) {
      String stamp = Stamps.read(store, collection).orElse(null);
      Listing last = listings.get(collection);
      if (last != null
          && range.equals(last.range())
          && java.util.Objects.equals(stamp, last.stamp())
          && (stamp != null || last.documents().isEmpty())) {
        return last.documents();
      }
      List<StoredDocument> documents = List.copyOf(store.list(collection, range));
      listings.put(collection, new Listing(stamp, range, documents));
      return documents;
    }

    private SiteInput readAll(DocumentStore store) {
      StoredDocument raw =
          Snapshots.readRaw(store)
              .orElseThrow(() -> new IllegalStateException("no public snapshot stored yet"));
      PublicSnapshot snapshot = snapshot(raw.json());
      Map<String, VendorList> lists = new LinkedHashMap<>();
      for (StoredDocument d : listed(store, VENDOR_LISTS, Range.all())) {
        try {
          lists.put(d.id(), parsed(VENDOR_LISTS, d.id(), d.json(), json -> list(d.id(), json)));
        } catch (RuntimeException e) {
          LOG.warning("skipping unreadable subprocessor list " + d.id() + ": " + e.getMessage());
        }
      }
      List<VendorListChange> changes = new ArrayList<>();
      for (StoredDocument d : listed(store, VENDOR_CHANGES, Range.newest(null, CHANGES_SHOWN))) {
        try {
          changes.add(parsed(VENDOR_CHANGES, d.id(), d.json(), json -> change(d.id(), json)));
        } catch (RuntimeException e) {
          LOG.warning("skipping unreadable subprocessor change " + d.id() + ": " + e.getMessage());
        }
      }
      List<UpcomingChange> upcoming = new ArrayList<>();
      for (StoredDocument d : listed(store, PLANNED_CHANGES, Range.all())) {
        try {
          UpcomingChange plan =
              parsed(PLANNED_CHANGES, d.id(), d.json(), json -> plan(d.id(), json));
          if (plan != null) {
            upcoming.add(plan);
          }
        } catch (RuntimeException e) {
          LOG.warning("skipping unreadable planned change " + d.id() + ": " + e.getMessage());
        }
      }
      upcoming.sort(
          java.util.Comparator.comparing(UpcomingChange::effectiveOn)
              .thenComparing(UpcomingChange::id));
      return new SiteInput(snapshot, raw.json(), lists, changes, upcoming);
    }
  }

  private static VendorList list(String id, String json) {
    StoredList s = Json.read(json, StoredList.class);
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
    return new VendorList(
        id, s.sourceUrl, s.lastVerifiedAt, s.pageUpdated, count, entries, s.lastChangeAt);
  }

  private static VendorListChange change(String id, String json) {
    StoredChange c = Json.read(json, StoredChange.class);
    return new VendorListChange(
        id, c.vendor, c.kind, c.name, c.group, c.countries, c.activity, c.detectedAt);
  }

  /** The plan as the site shows it, or null when it is not scheduled (applied or cancelled). */
  private static UpcomingChange plan(String id, String json) {
    StoredPlan p = Json.read(json, StoredPlan.class);
    if (!"scheduled".equals(p.status)) {
      return null;
    }
    StoredSubprocessor shown = p.after != null ? p.after : p.before;
    return new UpcomingChange(
        id,
        p.kind,
        p.subprocessorId,
        shown == null ? p.subprocessorId : shown.name,
        p.after == null ? null : p.after.purpose,
        p.after == null ? List.of() : p.after.dataLocations,
        p.changed,
        p.effectiveOn,
        p.scheduledAt);
  }

  private record Parsed(String json, Object value) {}

  private static final java.lang.reflect.RecordComponent[] SNAPSHOT_COMPONENTS =
      PublicSnapshot.class.getRecordComponents();

  private static final java.lang.reflect.Constructor<PublicSnapshot> SNAPSHOT_CONSTRUCTOR =
      canonical();

  private static java.lang.reflect.Constructor<PublicSnapshot> canonical() {
    Class<?>[] types = new Class<?>[SNAPSHOT_COMPONENTS.length];
    for (int i = 0; i < types.length; i++) {
      types[i] = SNAPSHOT_COMPONENTS[i].getType();
    }
    try {
      return PublicSnapshot.class.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
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
