package dev.trustcenter.subprocessors;

import dev.trustcenter.evidence.EvidenceLog;
import dev.trustcenter.evidence.LogEntry;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.PublicSnapshot;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.DocumentStore.Transaction;
import dev.trustcenter.store.Stamps;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Keeps each vendor's subprocessor list current: fetch, archive, parse, check, diff, store. It
 * fails closed: whatever goes wrong for a vendor (status, timeout, not HTML, challenge, no table,
 * missing column, no rows, archive or store failure) is recorded as {@code failed} with the reason
 * and leaves that vendor's last good list untouched; a list that shrank by more than half at once
 * is held as a {@link PendingList} until an admin accepts it.
 *
 * <p>Applying a list is one transaction that reads the current list, diffs on {@link
 * UpstreamEntry#key()}, writes the change events, the list and the public snapshot. Because the
 * diff is made against what the transaction read, the same content twice yields no events and two
 * concurrent runs cannot both record the same change: the store serializes them and the second sees
 * the first's list.
 */
public final class SubprocessorSync {
  private static final Logger LOG = Logger.getLogger(SubprocessorSync.class.getName());

  /** The vendors' lists; stamped ({@link Stamps}): written only where the stamp is touched. */
  public static final String LISTS = Snapshots.UPSTREAM_LISTS;

  public static final String PENDING = "subprocessor-pending";

  /** The changes found; stamped ({@link Stamps}): written only where the stamp is touched. */
  public static final String CHANGES = "subprocessor-changes";

  public static final String RUNS = "sync-runs";

  private final DocumentStore store;
  private final SnapshotWriter snapshots;
  private final VendorPages pages;
  private final PageArchive archive;
  private final List<Vendor> vendors;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public SubprocessorSync(
      DocumentStore store,
      SnapshotWriter snapshots,
      VendorPages pages,
      PageArchive archive,
      List<Vendor> vendors,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
    this.pages = Objects.requireNonNull(pages, "pages");
    this.archive = Objects.requireNonNull(archive, "archive");
    this.vendors = List.copyOf(vendors);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Told, after the transactions committed, of the change events a run or an acceptance recorded
   * (for example to notify subscribers and to publish the site). It may be called again with events
   * it already saw, after a retry: listeners must be idempotent.
   */
  @FunctionalInterface
  public interface ChangeListener {
    void changesRecorded(List<ChangeEvent> events);
  }

  private volatile ChangeListener listener = events -> {};

  /** Sets the listener told of recorded changes (see {@link ChangeListener}). */
  public SubprocessorSync onChanges(ChangeListener listener) {
    this.listener = Objects.requireNonNull(listener);
    return this;
  }

  /**
   * How far back each run hands events to the listener again, so an announcement that failed (a
   * crash, a mail outage) is retried by the next daily run; the listener's idempotency keeps this
   * from sending twice.
   */
  static final java.time.Duration ANNOUNCE_WINDOW = java.time.Duration.ofDays(2);

  /**
   * Hands the events recorded in the window before {@code until} to the listener; its failure is
   * logged.
   */
  private void announce(Instant until) {
    Instant since = until.minus(ANNOUNCE_WINDOW);
    try {
      List<ChangeEvent> events =
          store
              .list(
                  CHANGES,
                  new dev.trustcenter.store.Range(ChangeEvent.timeKey(since), null, 1000, false))
              .stream()
              .map(d -> Json.read(d.json(), ChangeEvent.class))
              .toList();
      if (!events.isEmpty()) {
        listener.changesRecorded(events);
      }
    } catch (RuntimeException e) {
      LOG.log(
          java.util.logging.Level.WARNING,
          "announcing subprocessor changes failed; the next run retries",
          e);
    }
  }

  private volatile Runnable afterRun = () -> {};

  /**
   * Sets what runs after a run that verified at least one list (publishing the site, whose dates
   * moved).
   */
  public SubprocessorSync afterRun(Runnable afterRun) {
    this.afterRun = Objects.requireNonNull(afterRun);
    return this;
  }

  public List<Vendor> vendors() {
    return vendors;
  }

  /** The vendor with this id, if it is synced. */
  public Optional<Vendor> vendor(String id) {
    return vendors.stream().filter(v -> v.id().equals(id)).findFirst();
  }

  /**
   * Syncs every vendor, one after the other, and stores the run record (its failure to store is
   * logged, not thrown: the lists are what matters).
   *
   * @param trigger who asked: {@code scheduler} or an admin's email
   */
  public SyncRun runAll(String trigger) {
    Instant started = clock.instant();
    List<SyncRun.VendorResult> results = new ArrayList<>();
    for (Vendor v : vendors) {
      SyncRun.VendorResult r = syncOne(v);
      if (r.status().equals(SyncRun.FAILED) || r.status().equals(SyncRun.PENDING_REVIEW)) {
        LOG.warning("subprocessor sync of " + v.id() + ": " + r.status() + ": " + r.reason());
      } else {
        LOG.info(
            "subprocessor sync of "
                + v.id()
                + ": "
                + r.status()
                + " ("
                + r.entries()
                + " entries, +"
                + r.added()
                + " -"
                + r.removed()
                + " ~"
                + r.changed()
                + ")");
      }
      results.add(r);
    }
    byte[] suffix = new byte[4];
    random.nextBytes(suffix);
    SyncRun run =
        new SyncRun(
            ChangeEvent.timeKey(started) + "-" + HexFormat.of().formatHex(suffix),
            started,
            clock.instant(),
            trigger,
            results);
    try {
      store.createIfAbsent(RUNS, run.id(), Json.write(run));
    } catch (RuntimeException e) {
      LOG.warning("could not store the sync run record " + run.id() + ": " + e.getMessage());
    }
    announce(clock.instant());
    if (results.stream().anyMatch(r -> !r.status().equals(SyncRun.FAILED))) {
      try {
        afterRun.run();
      } catch (RuntimeException e) {
        LOG.warning("after the sync run: " + e.getMessage());
      }
    }
    return run;
  }

  /** Syncs one vendor; never throws. */
  SyncRun.VendorResult syncOne(Vendor v) {
    FetchedPage page;
    try {
      page = pages.fetch(v.url());
    } catch (FetchException e) {
      return SyncRun.VendorResult.failed(v.id(), e.getMessage(), null, null);
    } catch (RuntimeException e) {
      return SyncRun.VendorResult.failed(
          v.id(), "fetch failed: " + e.getClass().getSimpleName(), null, null);
    }
    ArchivedPage archived;
    try {
      archived = archive.archive(v.id(), page);
    } catch (RuntimeException e) {
      return SyncRun.VendorResult.failed(
          v.id(), "archive failed: " + e.getMessage(), page.sha256(), null);
    }
    ParsedList parsed;
    try {
      parsed = v.parser().parse(page.text(), page.finalUrl().toString());
    } catch (PageParseException e) {
      return SyncRun.VendorResult.failed(
          v.id(), e.getMessage(), page.sha256(), archived.pageName());
    } catch (RuntimeException e) {
      return SyncRun.VendorResult.failed(
          v.id(),
          "parse failed: " + e.getClass().getSimpleName(),
          page.sha256(),
          archived.pageName());
    }
    if (parsed.entries().isEmpty()) {
      return SyncRun.VendorResult.failed(
          v.id(), "no rows parsed", page.sha256(), archived.pageName());
    }
    Candidate candidate =
        new Candidate(
            page.finalUrl().toString(),
            page.fetchedAt(),
            page.sha256(),
            parsed.pageUpdated(),
            parsed.entries(),
            archived.pageName());
    try {
      return store.transaction(tx -> apply(tx, v.id(), candidate, false));
    } catch (RuntimeException e) {
      return SyncRun.VendorResult.failed(
          v.id(), "store failed: " + e.getMessage(), page.sha256(), archived.pageName());
    }
  }

  /** The list waiting for an admin, if any. */
  public Optional<PendingList> pending(String vendor) {
    return store.get(PENDING, vendor).map(d -> Json.read(d.json(), PendingList.class));
  }

  /**
   * The list held for {@code vendor} against the list in force: what accepting it would record.
   *
   * @throws ApiException 404 for an unknown vendor or when nothing is held
   */
  public PendingReview review(String vendor) {
    if (vendor(vendor).isEmpty()) {
      throw ApiException.notFound("no synced vendor \"" + clip(vendor) + "\"");
    }
    PendingList p =
        pending(vendor)
            .orElseThrow(
                () -> ApiException.notFound("no list of " + vendor + " is waiting for review"));
    List<UpstreamEntry> current =
        store
            .get(LISTS, vendor)
            .map(d -> Json.read(d.json(), UpstreamList.class).entries())
            .orElse(List.of());
    List<PendingReview.Change> changes =
        ListDiff.between(current, p.entries()).stream()
            .map(c -> new PendingReview.Change(c.kind(), c.before(), c.after(), c.fields()))
            .toList();
    return new PendingReview(
        vendor,
        p.contentSha256(),
        p.fetchedAt(),
        p.sourceUrl(),
        p.reason(),
        current.size(),
        p.entries().size(),
        changes);
  }

  /**
   * Discards {@code vendor}'s held list and keeps the list in force. The page itself is still
   * archived; if the vendor's page still shows that list, the next run holds it again.
   *
   * @param expectedSha256 when not null, the {@code contentSha256} of the held list the admin
   *     reviewed; a different one (a newer run replaced it) is refused with 409
   * @return the list discarded
   * @throws ApiException 404 for an unknown vendor, 409 when nothing is held or it is not the one
   *     reviewed
   */
  public PendingList reject(String vendor, String expectedSha256) {
    if (vendor(vendor).isEmpty()) {
      throw ApiException.notFound("no synced vendor \"" + clip(vendor) + "\"");
    }
    return store.transaction(
        tx -> {
          PendingList p = heldFor(tx, vendor, expectedSha256);
          tx.delete(PENDING, vendor);
          return p;
        });
  }

  /**
   * {@code vendor}'s held list, as the admin reviewed it.
   *
   * @throws ApiException 409 {@code nothing_pending} when none is held, 409 {@code pending_changed}
   *     when it is not the one with {@code expectedSha256} (when not null)
   */
  private static PendingList heldFor(
      DocumentStore.Transaction tx, String vendor, String expectedSha256) {
    PendingList p =
        tx.get(PENDING, vendor)
            .map(d -> Json.read(d.json(), PendingList.class))
            .orElseThrow(
                () ->
                    new ApiException(
                        409, "nothing_pending", "no list of " + vendor + " is waiting for review"));
    if (expectedSha256 != null && !expectedSha256.equals(p.contentSha256())) {
      throw new ApiException(
          409,
          "pending_changed",
          "the pending list of "
              + vendor
              + " is not the one reviewed (it is now "
              + p.contentSha256()
              + ")");
    }
    return p;
  }

  /**
   * Applies {@code vendor}'s pending list as if it had passed every check: records its changes,
   * stores it and rebuilds the snapshot, in one transaction.
   *
   * @param expectedSha256 when not null, the {@code contentSha256} of the pending list the admin
   *     reviewed; a different pending list (a newer run replaced it) is refused with 409
   * @throws ApiException 404 for an unknown vendor, 409 when nothing is pending or it is not the
   *     one reviewed
   */
  public SyncRun.VendorResult accept(String vendor, String expectedSha256) {
    if (vendor(vendor).isEmpty()) {
      throw ApiException.notFound("no synced vendor \"" + clip(vendor) + "\"");
    }
    SyncRun.VendorResult result =
        store.transaction(
            tx -> {
              PendingList p = heldFor(tx, vendor, expectedSha256);
              return apply(
                  tx,
                  vendor,
                  new Candidate(
                      p.sourceUrl(),
                      p.fetchedAt(),
                      p.contentSha256(),
                      p.pageUpdated(),
                      p.entries(),
                      p.archivedPage()),
                  true);
            });
    announce(clock.instant());
    return result;
  }

  /** A list read from a page, not yet applied. */
  private record Candidate(
      String sourceUrl,
      Instant fetchedAt,
      String contentSha256,
      LocalDate pageUpdated,
      List<UpstreamEntry> entries,
      String archivedPage) {}

  /** The transaction body: all reads first, then the writes. */
  private SyncRun.VendorResult apply(Transaction tx, String vendor, Candidate c, boolean accepted) {
    Optional<UpstreamList> current =
        tx.get(LISTS, vendor).map(d -> Json.read(d.json(), UpstreamList.class));
    boolean hasPending = tx.get(PENDING, vendor).isPresent();
    int newCount = c.entries().size();
    if (!accepted && current.isPresent() && newCount * 2L < current.get().entryCount()) {
      String reason =
          "list shrank from "
              + current.get().entryCount()
              + " to "
              + newCount
              + " entries (more than half at once); held for review: POST /admin/v1/sync/"
              + vendor
              + "/accept applies it";
      tx.put(
          PENDING,
          vendor,
          Json.write(
              new PendingList(
                  vendor,
                  c.sourceUrl(),
                  c.fetchedAt(),
                  c.contentSha256(),
                  c.pageUpdated(),
                  c.entries(),
                  c.archivedPage(),
                  reason,
                  current.get().entryCount())));
      return new SyncRun.VendorResult(
          vendor,
          SyncRun.PENDING_REVIEW,
          reason,
          newCount,
          0,
          0,
          0,
          c.contentSha256(),
          c.archivedPage());
    }
    Snapshots.Inputs inputs = Snapshots.readInputs(tx);
    EvidenceLog.Appender evidence = new EvidenceLog(store).begin(tx);
    Instant now = clock.instant();

    List<ListDiff.Change> changes =
        current.isEmpty() ? List.of() : ListDiff.between(current.get().entries(), c.entries());
    Instant lastChangeAt =
        changes.isEmpty() ? current.map(UpstreamList::lastChangeAt).orElse(null) : now;
    Instant verifiedAt = accepted ? now : c.fetchedAt();
    UpstreamList list =
        new UpstreamList(
            vendor,
            c.sourceUrl(),
            verifiedAt,
            c.contentSha256(),
            c.pageUpdated(),
            newCount,
            c.entries(),
            lastChangeAt,
            c.archivedPage());

    String listHash =
        dev.trustcenter.http.Responses.sha256Hex(
            Json.write(c.entries()).getBytes(StandardCharsets.UTF_8));
    int added = 0;
    int removed = 0;
    int changed = 0;
    for (ListDiff.Change ch : changes) {
      ChangeEvent e = event(vendor, ch, c.sourceUrl(), now, listHash);
      tx.put(CHANGES, e.id(), Json.write(e));
      evidence.append(logEntry(e));
      switch (ch.kind()) {
        case ChangeEvent.ADDED -> added++;
        case ChangeEvent.REMOVED -> removed++;
        default -> changed++;
      }
    }
    tx.put(LISTS, vendor, Json.write(list));
    Stamps.touch(tx, LISTS);
    if (!changes.isEmpty()) {
      Stamps.touch(tx, CHANGES);
    }
    boolean newVersion =
        current.isEmpty()
            || !changes.isEmpty()
            || !c.contentSha256().equals(current.get().contentSha256());
    if (newVersion) {
      evidence.append(logEntry(list, listHash, accepted, now));
    }
    if (hasPending) {
      tx.delete(PENDING, vendor);
    }
    snapshots.write(
        tx,
        inputs.withUpstream(
            vendor,
            new PublicSnapshot.Upstream(newCount, verifiedAt, c.pageUpdated(), lastChangeAt)),
        now);

    String status = current.isEmpty() || !changes.isEmpty() ? SyncRun.UPDATED : SyncRun.UNCHANGED;
    String note =
        current.isEmpty()
            ? "first list: " + newCount + " entries recorded as the baseline, no change events"
            : accepted ? "pending list accepted by an admin" : null;
    return new SyncRun.VendorResult(
        vendor,
        status,
        note,
        newCount,
        added,
        removed,
        changed,
        c.contentSha256(),
        c.archivedPage());
  }

  /**
   * A list version as the evidence log holds it: the SHA-256 of the page as fetched and archived
   * and of the parsed list, so anyone given the archive can check which page and which list the
   * trust center saw.
   */
  static LogEntry logEntry(UpstreamList list, String listSha256, boolean accepted, Instant now) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("sourceUrl", list.sourceUrl());
    data.put("pageSha256", list.contentSha256());
    data.put("listSha256", listSha256);
    data.put("entryCount", list.entryCount());
    data.put("pageUpdated", list.pageUpdated() == null ? null : list.pageUpdated().toString());
    data.put("archivedPage", list.archivedPage());
    data.put("acceptedByAdmin", accepted);
    return new LogEntry(LogEntry.SUBPROCESSOR_LIST, now, list.vendor(), data);
  }

  /** A detected change as the evidence log holds it: every field the public feed shows. */
  static LogEntry logEntry(ChangeEvent e) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("changeId", e.id());
    data.put("change", e.kind());
    data.put("name", e.name());
    data.put("group", e.group());
    data.put("fields", e.fields());
    data.put("countries", e.countries());
    data.put("activity", e.activity());
    data.put("previousCountries", e.previousCountries());
    data.put("previousActivity", e.previousActivity());
    data.put("sourceUrl", e.sourceUrl());
    return new LogEntry(LogEntry.SUBPROCESSOR_CHANGE, e.detectedAt(), e.vendor(), data);
  }

  /**
   * A change event with a deterministic id: the same change of the same list at the same time has
   * one id.
   */
  private static ChangeEvent event(
      String vendor, ListDiff.Change ch, String sourceUrl, Instant now, String listHash) {
    UpstreamEntry shown = ch.after() != null ? ch.after() : ch.before();
    String hash =
        dev.trustcenter.http.Responses.sha256Hex(
                (vendor + "\u0000" + ch.kind() + "\u0000" + ch.key() + "\u0000" + listHash)
                    .getBytes(StandardCharsets.UTF_8))
            .substring(0, 16);
    boolean isChange = ch.kind().equals(ChangeEvent.CHANGED);
    return new ChangeEvent(
        ChangeEvent.timeKey(now) + "-" + vendor + "-" + hash,
        vendor,
        ch.kind(),
        shown.name(),
        shown.group(),
        ch.fields(),
        shown.countries(),
        shown.activity(),
        isChange ? ch.before().countries() : null,
        isChange ? ch.before().activity() : null,
        sourceUrl,
        now);
  }

  private static String clip(String s) {
    String c = s.replaceAll("\\p{Cntrl}", "?");
    return c.length() > 60 ? c.substring(0, 60) + "..." : c;
  }
}
