package dev.trustcenter.controls;

import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Control;
import dev.trustcenter.evidence.EvidenceLog;
import dev.trustcenter.evidence.LogEntry;
import dev.trustcenter.http.Responses;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.HistoryDigest;
import dev.trustcenter.publicview.PublicHistory;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.publicview.TrustCenterView.CheckResultView;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Where check results live: an append-only collection per control, {@code
 * check-results/<controlId>/results}, each result under an id that starts with the fixed-width ISO
 * time it was recorded ({@code 2025-05-01T10:00:00.000Z-<random>}) so that listing by id is listing
 * by recording time. A result's own {@link CheckResult#checkedAt} may be earlier (an attestation of
 * work done days ago); histories are ordered by it. When a control holding results is deleted,
 * {@link #retire} marks the moment in {@value #RETIRED}: results recorded up to then never show
 * again, even under a control re-created with the same id. Recording results also updates each
 * control's {@link CheckSummary} (in {@link Snapshots#CHECK_SUMMARIES}) and rebuilds the public
 * snapshot, all in one transaction: the public page never shows a status its history does not back.
 * The same transaction appends each result to the public evidence log ({@link #logEntry}): no
 * result is stored without its log entry.
 */
public final class CheckResults {
  /** How far back a control's history reaches, for the public page and the admin API. */
  public static final int HISTORY_DAYS = HistoryDigest.WINDOW_DAYS;

  /**
   * At most this many results of one control in a history: an hourly check fills 90 days with 2160
   * results; the cap keeps one answer bounded if a check is ever run far more often.
   */
  public static final int HISTORY_LIMIT = 2500;

  private static final DateTimeFormatter FIXED_WIDTH =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * Automated checks record their id ({@link ControlCheck#id}) as {@code checkedBy}; admins their
   * email.
   */
  private static final Pattern CHECK_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /**
   * Controls deleted with their history: {@code retired-controls/<controlId>} = {@code
   * {"retiredAt":...}}.
   */
  public static final String RETIRED = "retired-controls";

  /**
   * The fingerprint of every control's stored digest in one document, {@code
   * history-digest-prints/all} = {@code {"<controlId>":"<SHA-256 of the digest as stored>",...}},
   * written in the transaction that writes the digests: the site learns which histories changed
   * from one read instead of reading every digest. A control missing from it (its digest was
   * written before this document existed) is fingerprinted from its digest. A retired control's
   * entry is left until the next recording drops it (retiring cannot read it: it comes after other
   * writes); it is harmless, since retiring also removes the control's summary, which changes every
   * page of a control re-created under the id, and those pages are rendered from the digest itself.
   */
  static final String DIGEST_PRINTS = "history-digest-prints";

  static final String DIGEST_PRINTS_ID = "all";

  private static final java.lang.reflect.Type PRINTS_TYPE =
      new com.google.gson.reflect.TypeToken<Map<String, String>>() {}.getType();

  private final DocumentStore store;
  private final SnapshotWriter snapshots;
  private final EvidenceLog log;

  public CheckResults(DocumentStore store, SnapshotWriter snapshots) {
    this.store = store;
    this.snapshots = snapshots;
    this.log = new EvidenceLog(store);
  }

  /** The collection of one control's results. */
  public static String collection(String controlId) {
    return "check-results/" + controlId + "/results";
  }

  /**
   * Appends {@code results}, updates the controls' summaries and rebuilds the public snapshot at
   * {@code now}, in one transaction. Results of controls that no longer exist in the content are
   * not recorded.
   *
   * @return the results recorded, in the given order
   */
  public List<CheckResult> record(List<CheckResult> results, Instant now) {
    return record(results, now, (tx, recorded) -> {});
  }

  /**
   * {@link #record(List, Instant)}, with {@code alsoWrite} called inside the same transaction after
   * every read, with the results recorded (not called when none were): an audit entry commits with
   * the results or not at all.
   */
  public List<CheckResult> record(
      List<CheckResult> results,
      Instant now,
      BiConsumer<DocumentStore.Transaction, List<CheckResult>> alsoWrite) {
    // Ids are drawn once, outside the transaction, so a retried transaction writes the same
    // documents. They carry
    // the recording time, so a retirement (which compares with it) hides every result recorded
    // before it.
    List<String> ids = results.stream().map(r -> newId(now)).toList();
    List<String> salts = results.stream().map(r -> salt()).toList();
    return store.transaction(
        tx -> {
          Snapshots.Inputs inputs = Snapshots.readInputs(tx);
          EvidenceLog.Appender appender = log.begin(tx);
          Set<String> controls = new LinkedHashSet<>();
          for (Control c : inputs.content().controls()) {
            controls.add(c.id());
          }
          Map<String, HistoryDigest> digests = digestsAfter(tx, results, controls, now);
          Map<String, String> prints = digests.isEmpty() ? Map.of() : digestPrints(tx::get);
          Map<String, CheckSummary> summaries = new LinkedHashMap<>(inputs.checks());
          List<CheckResult> recorded = new ArrayList<>();
          for (int i = 0; i < results.size(); i++) {
            CheckResult r = results.get(i);
            if (!controls.contains(r.controlId())) {
              continue;
            }
            tx.put(collection(r.controlId()), ids.get(i), Json.write(r));
            appender.append(logEntry(r, ids.get(i), salts.get(i)), salts.get(i));
            summaries.put(
                r.controlId(),
                CheckSummary.after(summaries.get(r.controlId()), r.outcome(), r.checkedAt()));
            recorded.add(r);
          }
          for (CheckResult r : recorded) {
            tx.put(
                Snapshots.CHECK_SUMMARIES, r.controlId(), Json.write(summaries.get(r.controlId())));
          }
          if (!digests.isEmpty()) {
            Map<String, String> after = new java.util.TreeMap<>(prints);
            after.keySet().retainAll(controls);
            digests.forEach(
                (id, digest) -> {
                  String json = Json.write(digest);
                  tx.put(HistoryDigest.COLLECTION, id, json);
                  after.put(id, Responses.sha256Hex(json));
                });
            tx.put(DIGEST_PRINTS, DIGEST_PRINTS_ID, Json.write(after));
          }
          if (!recorded.isEmpty()) {
            snapshots.write(
                tx,
                new Snapshots.Inputs(
                    inputs.content(), inputs.contentUpdatedAt(), summaries, inputs.upstream()),
                now);
            alsoWrite.accept(tx, List.copyOf(recorded));
          }
          return List.copyOf(recorded);
        });
  }

  /**
   * One control's results checked in the last {@link #HISTORY_DAYS} days before {@code now}, newest
   * {@link CheckResult#checkedAt} first, without those recorded before the control id was last
   * retired.
   */
  public List<CheckResult> history(String controlId, Instant now) {
    return history(store::get, store::list, controlId, now);
  }

  private static List<CheckResult> history(
      java.util.function.BiFunction<String, String, java.util.Optional<StoredDocument>> get,
      java.util.function.BiFunction<String, Range, List<StoredDocument>> list,
      String controlId,
      Instant now) {
    Instant since = now.minus(Duration.ofDays(HISTORY_DAYS));
    String from = FIXED_WIDTH.format(since);
    // Everything recorded up to the retirement sorts before "<its instant>-~" ('~' follows every
    // hex digit).
    String retiredCut =
        get.apply(RETIRED, controlId)
            .map(d -> FIXED_WIDTH.format(Json.read(d.json(), Retirement.class).retiredAt()) + "-~")
            .orElse("");
    List<CheckResult> out = new ArrayList<>();
    for (StoredDocument d :
        list.apply(collection(controlId), new Range(from, null, HISTORY_LIMIT, true))) {
      if (d.id().compareTo(retiredCut) <= 0) {
        continue;
      }
      CheckResult r = Json.read(d.json(), CheckResult.class);
      if (!r.checkedAt().isBefore(since)) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparing(CheckResult::checkedAt).reversed());
    return out;
  }

  /**
   * Inside a transaction that deletes control {@code controlId}: forgets its summary and marks its
   * results as retired at {@code now}, so a control created later with the same id starts with no
   * history. The results themselves stay stored (append-only), reachable only through the store.
   */
  public static void retire(DocumentStore.Transaction tx, String controlId, Instant now) {
    tx.delete(Snapshots.CHECK_SUMMARIES, controlId);
    tx.delete(HistoryDigest.COLLECTION, controlId);
    tx.put(RETIRED, controlId, Json.write(new Retirement(now)));
  }

  /**
   * Whether the control has results recorded since it was last retired (its summary exists). Read
   * in {@code tx}.
   */
  public static boolean holdsResults(DocumentStore.Transaction tx, String controlId) {
    return tx.get(Snapshots.CHECK_SUMMARIES, controlId).isPresent();
  }

  private record Retirement(Instant retiredAt) {}

  /**
   * The same history as the public may see it: outcome and time always; evidence, note and evidence
   * link only where the evidence is public; the automated check's id, never who recorded an
   * attestation (an admin's email).
   */
  public List<CheckResultView> publicHistory(String controlId, Instant now) {
    return history(controlId, now).stream().map(CheckResults::publicView).toList();
  }

  /**
   * The public history's {@link HistoryDigest}: one document read. A control whose results were all
   * recorded before digests were kept has none; its history is listed instead, until its next
   * result writes one.
   */
  public HistoryDigest publicDigest(String controlId, Instant now) {
    return store
        .get(HistoryDigest.COLLECTION, controlId)
        .map(d -> HistoryDigest.parse(d.json()))
        .orElseGet(() -> HistoryDigest.of(publicHistory(controlId, now), now));
  }

  /**
   * The public digests as the site reads them: {@link #publicDigest}, and as their fingerprint the
   * SHA-256 of the stored document (null for a control with none yet, whose digest is listed).
   */
  public PublicHistory publicDigests() {
    return new PublicHistory() {
      @Override
      public HistoryDigest digest(String controlId, Instant now) {
        return publicDigest(controlId, now);
      }

      @Override
      public String fingerprint(String controlId) {
        return fingerprints().apply(controlId);
      }

      @Override
      public java.util.function.Function<String, String> fingerprints() {
        Map<String, String> prints = digestPrints(store::get);
        return id -> {
          String print = prints.get(id);
          return print != null ? print : storedDigestPrint(id);
        };
      }
    };
  }

  /** The SHA-256 of the control's digest as stored, or null when none is stored. */
  private String storedDigestPrint(String controlId) {
    return store
        .get(HistoryDigest.COLLECTION, controlId)
        .map(d -> Responses.sha256Hex(d.json()))
        .orElse(null);
  }

  /** The stored {@value #DIGEST_PRINTS} document; empty when there is none or it is unreadable. */
  private static Map<String, String> digestPrints(
      java.util.function.BiFunction<String, String, java.util.Optional<StoredDocument>> get) {
    return get.apply(DIGEST_PRINTS, DIGEST_PRINTS_ID)
        .map(
            d -> {
              try {
                Map<String, String> m = Json.read(d.json(), PRINTS_TYPE);
                return m == null ? Map.<String, String>of() : m;
              } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(CheckResults.class.getName())
                    .warning("unreadable " + DIGEST_PRINTS + ", digests are read instead: " + e);
                return Map.<String, String>of();
              }
            })
        .orElse(Map.of());
  }

  /**
   * The digests of the controls {@code results} add to, with them folded in; read in {@code tx}
   * before its first write. A result older than its control's newest needs the listed history (it
   * may fall between two results that changed), as does a control without a digest yet.
   */
  private static Map<String, HistoryDigest> digestsAfter(
      DocumentStore.Transaction tx, List<CheckResult> results, Set<String> controls, Instant now) {
    Map<String, List<CheckResult>> added = new LinkedHashMap<>();
    for (CheckResult r : results) {
      if (controls.contains(r.controlId())) {
        added.computeIfAbsent(r.controlId(), k -> new ArrayList<>()).add(r);
      }
    }
    Map<String, HistoryDigest> out = new LinkedHashMap<>();
    added.forEach(
        (id, mine) -> {
          List<CheckResult> oldestFirst = new ArrayList<>(mine);
          oldestFirst.sort(Comparator.comparing(CheckResult::checkedAt));
          HistoryDigest digest =
              tx.get(HistoryDigest.COLLECTION, id)
                  .map(d -> HistoryDigest.parse(d.json()))
                  .filter(d -> d.takes(oldestFirst.get(0).checkedAt()))
                  .orElse(null);
          if (digest == null) {
            List<CheckResultView> all = new ArrayList<>();
            for (CheckResult r : history(tx::get, tx::list, id, now)) {
              all.add(publicView(r));
            }
            mine.forEach(r -> all.add(publicView(r)));
            out.put(id, HistoryDigest.of(all, now));
          } else {
            for (CheckResult r : oldestFirst) {
              digest = digest.plus(publicView(r), now);
            }
            out.put(id, digest);
          }
        });
    return out;
  }

  private static CheckResultView publicView(CheckResult r) {
    return new CheckResultView(
        r.outcome(),
        r.checkedAt(),
        r.publicEvidence() ? r.evidence() : null,
        r.publicEvidence() ? r.note() : null,
        r.publicEvidence() ? r.evidenceUrl() : null,
        CHECK_ID.matcher(r.checkedBy()).matches() ? r.checkedBy() : null);
  }

  /**
   * The result as the public evidence log holds it: what visitors may see (control, time, outcome,
   * the automated check's id, public evidence) in the clear, and everything else (who attested, the
   * note, the evidence link, private evidence) only as a salted SHA-256 commitment, {@code
   * hex(SHA-256(RFC 8785 JSON of those fields and the salt))}; the salt stays in the store, so an
   * auditor given the fields can check them and nobody else can guess them. Public evidence too
   * large for a log entry is committed as well.
   */
  public static LogEntry logEntry(CheckResult r, String id, String salt) {
    LogEntry full = logEntry(r, id, salt, true);
    return full.bytes().length <= LogEntry.MAX_BYTES ? full : logEntry(r, id, salt, false);
  }

  private static LogEntry logEntry(CheckResult r, String id, String salt, boolean evidenceInClear) {
    boolean automated = !r.checkedBy().contains("@");
    boolean clear = evidenceInClear && r.publicEvidence();
    Map<String, Object> secret = new LinkedHashMap<>();
    secret.put("checkedBy", r.checkedBy());
    secret.put("note", r.note());
    secret.put("evidenceUrl", r.evidenceUrl());
    if (!clear) {
      secret.put("evidence", r.evidence());
    }
    secret.put("salt", salt);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("resultId", id);
    data.put("outcome", r.outcome());
    data.put("method", automated ? "automated" : "attested");
    data.put("check", automated ? r.checkedBy() : null);
    data.put("evidence", clear ? r.evidence() : null);
    data.put(
        "privateSha256",
        HexFormat.of()
            .formatHex(
                dev.trustcenter.http.Responses.sha256(LogEntry.canonical(Json.write(secret)))));
    return new LogEntry(LogEntry.CHECK_RESULT, r.checkedAt(), r.controlId(), data);
  }

  private static String salt() {
    byte[] bytes = new byte[16];
    Random.INSTANCE.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * A document id that sorts by time: fixed-width ISO instant (milliseconds), a dash, 8 random hex
   * digits.
   */
  static String newId(Instant at) {
    byte[] bytes = new byte[4];
    Random.INSTANCE.nextBytes(bytes);
    return FIXED_WIDTH.format(at.truncatedTo(ChronoUnit.MILLIS))
        + "-"
        + HexFormat.of().formatHex(bytes);
  }

  /** Made on first use: the public read path never needs it. */
  private static final class Random {
    static final SecureRandom INSTANCE = new SecureRandom();
  }
}
