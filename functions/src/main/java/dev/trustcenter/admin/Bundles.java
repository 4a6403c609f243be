package dev.trustcenter.admin;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.audit.AuditLog;
import dev.trustcenter.content.Category;
import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Content;
import dev.trustcenter.content.ContentRepository;
import dev.trustcenter.content.Control;
import dev.trustcenter.content.Framework;
import dev.trustcenter.content.Profile;
import dev.trustcenter.content.Resource;
import dev.trustcenter.content.Subprocessor;
import dev.trustcenter.content.Text;
import dev.trustcenter.controls.CheckResults;
import dev.trustcenter.documents.DocumentLibrary;
import dev.trustcenter.documents.GatedDocument;
import dev.trustcenter.documents.Nda;
import dev.trustcenter.evidence.EvidenceLog;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.ApiException.FieldError;
import dev.trustcenter.http.FieldReader;
import dev.trustcenter.http.JsonBody;
import dev.trustcenter.http.PublicBody;
import dev.trustcenter.http.Responses;
import dev.trustcenter.http.Router;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.store.DocumentStore.Transaction;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoreException;
import dev.trustcenter.store.StoredDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Export and import of the whole admin-managed content as one JSON bundle ({@value
 * #SCHEMA_VERSION}): the profile, frameworks with their certificates, categories, controls,
 * subprocessors, resources, the NDA's text and the gated documents' records. Not in it: check
 * results and every other history (evidence), subscribers, access requests and grants, secrets and
 * the documents' files (which stay in the documents bucket).
 *
 * <ul>
 *   <li>{@code GET /v1/export}: the bundle, as a download
 *   <li>{@code POST /v1/import?dryRun=true}: what an import would change, per kind (added, removed,
 *       changed with every changed field), writing nothing
 *   <li>{@code POST /v1/import[?history=retire]}: makes the stored content equal to the bundle in
 *       one store transaction (all or nothing), with an audit entry per changed entity and one for
 *       the import, then publishes the site. Removing a control that holds check results needs
 *       {@code history=retire}, as deleting it does.
 * </ul>
 *
 * An unknown {@code schemaVersion} or any invalid field is a 400 naming the field by its path in
 * the bundle ({@code controls[3].title.en}), and nothing is changed.
 */
public final class Bundles implements AdminRoutes {
  /** The bundle format this code writes and the only one it reads. */
  public static final int SCHEMA_VERSION = 1;

  /** Largest bundle accepted (the seed's content exports to about 40 KB). */
  public static final int MAX_BYTES = 4 * 1024 * 1024;

  /** At most this many entities of one kind. */
  static final int MAX_ITEMS = 1000;

  static final String KIND = "bundle";

  /** The kinds of content a bundle holds, each a top-level field, in the order pages show them. */
  public static final List<String> PARTS =
      List.of(
          "profile",
          "frameworks",
          "categories",
          "controls",
          "subprocessors",
          "resources",
          "nda",
          "documents");

  private static final Set<String> FIELDS =
      Stream.concat(Stream.of("schemaVersion", "exportedAt"), PARTS.stream())
          .collect(Collectors.toUnmodifiableSet());
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final int NDA_MAX = 20_000;

  private final Predicate<String> documentFileExists;

  /**
   * @param documentFileExists whether the documents bucket holds an object (a document's record is
   *     imported only when its file is there)
   */
  public Bundles(Predicate<String> documentFileExists) {
    this.documentFileExists = Objects.requireNonNull(documentFileExists);
  }

  /**
   * The whole content as exported.
   *
   * @param nda the NDA's text in force (what visitors accept)
   * @param documents the gated documents' records (their files are not in the bundle)
   */
  public record Bundle(
      int schemaVersion,
      Instant exportedAt,
      Profile profile,
      List<Framework> frameworks,
      List<Category> categories,
      List<Control> controls,
      List<Subprocessor> subprocessors,
      List<Resource> resources,
      NdaText nda,
      List<GatedDocument> documents) {
    public Bundle {
      frameworks = List.copyOf(frameworks);
      categories = List.copyOf(categories);
      controls = List.copyOf(controls);
      subprocessors = List.copyOf(subprocessors);
      resources = List.copyOf(resources);
      documents = List.copyOf(documents);
    }

    /** The content part, each list in display order. */
    Content content() {
      return new Content(
          profile,
          sorted(frameworks, Framework::position, Framework::id),
          sorted(categories, Category::position, Category::id),
          Content.inDisplayOrder(controls, categories),
          sorted(subprocessors, Subprocessor::position, Subprocessor::id),
          sorted(resources, Resource::position, Resource::id));
    }
  }

  /** The NDA in a bundle: the same shape as the body of {@code PUT /v1/nda}. */
  public record NdaText(Text text) {}

  /** What an import changes in one kind. */
  public record KindChanges(
      List<String> added, List<String> removed, List<Changed> changed, int unchanged) {
    boolean any() {
      return !added.isEmpty() || !removed.isEmpty() || !changed.isEmpty();
    }
  }

  /** An entity an import changes, with each changed field. */
  public record Changed(String id, List<FieldChange> fields) {}

  /** One changed field, by its path within the entity; null before or after when absent. */
  public record FieldChange(String field, JsonElement before, JsonElement after) {}

  /**
   * What an import does (or would do).
   *
   * @param changes by kind, in the bundle's order
   * @param retiresHistory controls the import removes although they hold check results
   * @param basis a digest of the stored content the changes were worked out against: passed back as
   *     {@code ?basis=}, the import applies only to that same content (else 412), so what a dry run
   *     showed is exactly what the import does
   */
  public record Report(
      boolean dryRun,
      boolean applied,
      int schemaVersion,
      Map<String, KindChanges> changes,
      List<String> retiresHistory,
      String basis) {}

  @Override
  public void register(Router router, AdminContext ctx) {
    router
        .add("GET", "/v1/export", ex -> export(ex, ctx))
        .add("POST", "/v1/import", ex -> importBundle(ex, ctx));
  }

  // ---- export
  // -----------------------------------------------------------------------------------------------

  private void export(Router.Exchange ex, AdminContext ctx) throws IOException {
    Instant now = ctx.clock().instant();
    Bundle bundle;
    try {
      bundle = ctx.store().transaction(tx -> export(tx, now));
    } catch (StoreException e) {
      throw ContentAdmin.unavailable(e);
    }
    byte[] body = Json.write(bundle).getBytes(StandardCharsets.UTF_8);
    ex.response().appendHeader("Cache-Control", "no-store");
    ex.response()
        .appendHeader(
            "Content-Disposition",
            "attachment; filename=\"trust-center-" + now.toString().substring(0, 10) + ".json\"");
    Responses.json(ex.response(), 200, body, ex.head());
  }

  /** The stored content as a bundle, read in {@code tx}. */
  public static Bundle export(Transaction tx, Instant now) {
    if (!ContentRepository.exists(tx)) {
      throw new ApiException(503, "unavailable", "there is no content to export yet");
    }
    State s = State.read(tx);
    Content c = s.content();
    return new Bundle(
        SCHEMA_VERSION,
        now,
        c.profile(),
        c.frameworks(),
        c.categories(),
        c.controls(),
        c.subprocessors(),
        c.resources(),
        new NdaText(s.ndaText()),
        s.documents());
  }

  // ---- import
  // -----------------------------------------------------------------------------------------------

  private void importBundle(Router.Exchange ex, AdminContext ctx) throws IOException {
    JsonBody.requireJsonContentType(ex.header("Content-Type"));
    Bundle bundle = read(JsonBody.parseObject(PublicBody.bytes(ex, MAX_BYTES)), documentFileExists);
    boolean dryRun = "true".equals(ex.query("dryRun"));
    boolean retire = ContentAdmin.RETIRE.equals(ex.query("history"));
    String basis = ex.query("basis");
    Instant now = ctx.clock().instant();
    Report report;
    try {
      report =
          dryRun
              ? ctx.store().transaction(tx -> plan(tx, bundle).report(true, false))
              : ctx.store().transaction(tx -> apply(tx, bundle, retire, basis, ex, ctx, now));
    } catch (StoreException e) {
      throw ContentAdmin.unavailable(e);
    }
    if (report.applied()) {
      ctx.publicContentChanged();
    }
    ex.response().appendHeader("Cache-Control", "no-store");
    Responses.json(ex.response(), 200, Json.write(report).getBytes(StandardCharsets.UTF_8), false);
  }

  /** What the store holds now, read in a transaction. */
  private record State(
      Content content, List<GatedDocument> documents, Optional<Nda.Version> nda, Text ndaText) {
    static State read(Transaction tx) {
      Content content = ContentRepository.exists(tx) ? ContentRepository.read(tx) : null;
      List<GatedDocument> documents =
          tx.list(DocumentLibrary.COLLECTION, Range.all()).stream()
              .map(d -> Json.read(d.json(), GatedDocument.class))
              .toList();
      Optional<Nda.Version> nda = Nda.stored(tx);
      return new State(
          content, documents, nda, nda.map(Nda.Version::text).orElse(Nda.defaultText()));
    }
  }

  /** An import worked out against a state: the changes of every section. */
  private record Plan(State state, Bundle bundle, List<Section> sections, List<String> retires) {
    Report report(boolean dryRun, boolean applied) {
      Map<String, KindChanges> changes = new LinkedHashMap<>();
      sections.forEach(s -> changes.put(s.kind, s.changes));
      return new Report(dryRun, applied, SCHEMA_VERSION, changes, retires, basis());
    }

    /** The digest of everything the changes were worked out from. */
    String basis() {
      Map<String, Object> before = new LinkedHashMap<>();
      sections.forEach(s -> before.put(s.kind, s.before));
      before.put("retiresHistory", retires);
      return AuditLog.digest(Json.write(before));
    }

    boolean any() {
      return sections.stream().anyMatch(s -> s.changes.any());
    }

    Section section(String kind) {
      return sections.stream().filter(s -> s.kind.equals(kind)).findFirst().orElseThrow();
    }
  }

  /** One kind's entities before and after, as normalized JSON by id, and its changes. */
  private record Section(
      String kind,
      String collection,
      Map<String, String> before,
      Map<String, String> after,
      KindChanges changes) {
    static Section of(
        String kind, String collection, Map<String, String> before, Map<String, String> after) {
      return new Section(kind, collection, before, after, diff(before, after));
    }
  }

  private static final String NDA = "nda";
  private static final String DOCUMENTS = "documents";
  private static final String PROFILE = "profile";

  private static Plan plan(Transaction tx, Bundle bundle) {
    State state = State.read(tx);
    List<Section> sections = new ArrayList<>();
    Content before = state.content();
    Content after = bundle.content();
    sections.add(
        Section.of(
            PROFILE,
            ContentRepository.PROFILE,
            before == null ? Map.of() : Map.of(PROFILE, Json.write(before.profile())),
            Map.of(PROFILE, Json.write(after.profile()))));
    for (EntityKind<?> kind : EntityKind.ALL) {
      sections.add(
          Section.of(
              kind.path(),
              kind.collection(),
              before == null ? Map.of() : byId(kind, before),
              byId(kind, after)));
    }
    sections.add(
        Section.of(
            NDA,
            Nda.COLLECTION,
            Map.of(NDA, Json.write(new NdaText(state.ndaText()))),
            Map.of(NDA, Json.write(bundle.nda()))));
    sections.add(
        Section.of(
            DOCUMENTS,
            DocumentLibrary.COLLECTION,
            documentsById(state.documents()),
            documentsById(bundle.documents())));
    List<String> retires = new ArrayList<>();
    Section controls =
        sections.stream()
            .filter(x -> x.collection().equals(ContentRepository.CONTROLS))
            .findFirst()
            .orElseThrow();
    for (String id : controls.changes().removed()) {
      if (CheckResults.holdsResults(tx, id)) {
        retires.add(id);
      }
    }
    return new Plan(state, bundle, sections, List.copyOf(retires));
  }

  private Report apply(
      Transaction tx,
      Bundle bundle,
      boolean retire,
      String basis,
      Router.Exchange ex,
      AdminContext ctx,
      Instant now) {
    // Every read comes before the first write (Firestore transactions read before they write).
    Plan plan = plan(tx, bundle);
    if (basis != null && !basis.isEmpty() && !basis.equals(plan.basis())) {
      throw new ApiException(
          412,
          "precondition_failed",
          "the stored content changed since the dry run this import was checked with; nothing was"
              + " imported; run the dry run again");
    }
    if (!plan.retires().isEmpty() && !retire) {
      throw new ApiException(
          409,
          "has_history",
          "the bundle leaves out control(s) "
              + String.join(", ", plan.retires())
              + " that hold recorded check results (evidence); nothing was imported. Import with "
              + "?history=retire to retire those results with them");
    }
    if (!plan.any()) {
      return plan.report(false, false);
    }
    Section nda = plan.section(NDA);
    Section documents = plan.section(DOCUMENTS);
    boolean evidence = nda.changes().any() || documents.changes().any();
    EvidenceLog.Appender log = evidence ? new EvidenceLog(ctx.store()).begin(tx) : null;
    Snapshots.Inputs inputs = plan.state().content() == null ? null : Snapshots.readInputs(tx);
    Map<String, CheckSummary> checks = inputs != null ? inputs.checks() : checkSummaries(tx);
    Map<String, GatedDocument> storedDocs = new HashMap<>();
    plan.state().documents().forEach(d -> storedDocs.put(d.id(), d));

    List<AuditLog.Entry> audit = new ArrayList<>();
    boolean contentChanged = false;
    for (Section s : plan.sections()) {
      KindChanges c = s.changes();
      if (!c.any()) {
        continue;
      }
      for (String id : changedIds(c)) {
        String json = s.after().get(id);
        String before = s.before().get(id);
        switch (s.kind()) {
          case NDA ->
              Nda.publishIn(
                  tx, log, plan.state().nda(), bundle.nda().text(), now, ctx.principal(ex).email());
          case DOCUMENTS -> {
            GatedDocument doc = Json.read(json, GatedDocument.class);
            GatedDocument current = storedDocs.get(id);
            if (current != null
                && current.sha256().equals(doc.sha256())
                && current.object().equals(doc.object())) {
              // The same file with other details (its resource, name): not a new version.
              doc = withVersion(doc, current.version());
              tx.put(DocumentLibrary.COLLECTION, id, Json.write(doc));
            } else {
              if (current != null && doc.version() <= current.version()) {
                // Another file is the next version, so version numbers never repeat.
                doc = withVersion(doc, current.version() + 1);
              }
              DocumentLibrary.restoreIn(tx, log, doc);
            }
            json = Json.write(doc);
          }
          case PROFILE -> tx.put(s.collection(), ContentRepository.PROFILE, json);
          default -> tx.put(s.collection(), id, json);
        }
        contentChanged |= !s.kind().equals(NDA) && !s.kind().equals(DOCUMENTS);
        audit.add(entry(ex, ctx, now, s.kind(), id, before == null ? 201 : 200, before, json));
      }
      for (String id : c.removed()) {
        tx.delete(s.collection(), id);
        if (s.kind().equals(ContentRepository.CONTROLS) && plan.retires().contains(id)) {
          CheckResults.retire(tx, id, now);
        }
        contentChanged |= !s.kind().equals(DOCUMENTS);
        audit.add(entry(ex, ctx, now, s.kind(), id, 204, s.before().get(id), null));
      }
    }
    if (contentChanged) {
      ContentRepository.touch(tx, now);
    }
    Instant contentUpdatedAt =
        contentChanged ? now : inputs == null ? now : inputs.contentUpdatedAt();
    ctx.snapshots()
        .write(
            tx,
            new Snapshots.Inputs(
                bundle.content(),
                contentUpdatedAt,
                checks,
                inputs == null ? Map.of() : inputs.upstream()),
            now);
    audit.forEach(e -> ctx.auditLog().append(tx, e));
    Report report = plan.report(false, true);
    ctx.auditLog()
        .append(
            tx,
            AdminContext.withReason(
                ctx.entry(ex, now, KIND, "import", "imported", 200, null, Json.write(bundle)),
                summary(report)));
    return report;
  }

  private static List<String> changedIds(KindChanges c) {
    List<String> ids = new ArrayList<>(c.added());
    c.changed().forEach(x -> ids.add(x.id()));
    return ids;
  }

  private static Map<String, CheckSummary> checkSummaries(Transaction tx) {
    Map<String, CheckSummary> checks = new LinkedHashMap<>();
    for (StoredDocument d : tx.list(Snapshots.CHECK_SUMMARIES, Range.all())) {
      checks.put(d.id(), Json.read(d.json(), CheckSummary.class));
    }
    return checks;
  }

  private static AuditLog.Entry entry(
      Router.Exchange ex,
      AdminContext ctx,
      Instant now,
      String kind,
      String id,
      int status,
      String before,
      String after) {
    String outcome = after == null ? "deleted" : before == null ? "created" : "replaced";
    return AdminContext.withReason(
        ctx.entry(ex, now, kind, id, outcome, status, before, after), "bundle import");
  }

  /** "3 added, 1 removed, 2 changed", for the audit entry of an import. */
  static String summary(Report r) {
    int added = 0;
    int removed = 0;
    int changed = 0;
    for (KindChanges c : r.changes().values()) {
      added += c.added().size();
      removed += c.removed().size();
      changed += c.changed().size();
    }
    return added + " added, " + removed + " removed, " + changed + " changed";
  }

  private static GatedDocument withVersion(GatedDocument d, int version) {
    return new GatedDocument(
        d.id(),
        d.resourceId(),
        d.fileName(),
        d.contentType(),
        d.size(),
        d.sha256(),
        version,
        d.object(),
        d.updatedAt(),
        d.updatedBy());
  }

  // ---- diff
  // -------------------------------------------------------------------------------------------------

  private static <T> Map<String, String> byId(EntityKind<T> kind, Content content) {
    Map<String, String> out = new LinkedHashMap<>();
    kind.list().apply(content).forEach(v -> out.put(kind.id().apply(v), Json.write(v)));
    return out;
  }

  private static Map<String, String> documentsById(List<GatedDocument> documents) {
    Map<String, String> out = new LinkedHashMap<>();
    documents.stream()
        .sorted(Comparator.comparing(GatedDocument::id))
        .forEach(d -> out.put(d.id(), Json.write(d)));
    return out;
  }

  /** Added, removed and changed (field by field) from {@code before} to {@code after}. */
  static KindChanges diff(Map<String, String> before, Map<String, String> after) {
    List<String> added = new ArrayList<>();
    List<Changed> changed = new ArrayList<>();
    int unchanged = 0;
    for (Map.Entry<String, String> a : after.entrySet()) {
      String b = before.get(a.getKey());
      if (b == null) {
        added.add(a.getKey());
      } else if (b.equals(a.getValue())) {
        unchanged++;
      } else {
        List<FieldChange> fields = fieldChanges(b, a.getValue());
        if (fields.isEmpty()) {
          unchanged++;
        } else {
          changed.add(new Changed(a.getKey(), fields));
        }
      }
    }
    List<String> removed = before.keySet().stream().filter(id -> !after.containsKey(id)).toList();
    return new KindChanges(List.copyOf(added), removed, List.copyOf(changed), unchanged);
  }

  /** The fields (by path: {@code title.en}, {@code dataLocations[1].es}) whose values differ. */
  static List<FieldChange> fieldChanges(String beforeJson, String afterJson) {
    Map<String, JsonElement> b = new LinkedHashMap<>();
    Map<String, JsonElement> a = new LinkedHashMap<>();
    flatten("", JsonParser.parseString(beforeJson), b);
    flatten("", JsonParser.parseString(afterJson), a);
    Set<String> paths = new LinkedHashSet<>(a.keySet());
    paths.addAll(b.keySet());
    List<FieldChange> out = new ArrayList<>();
    for (String p : paths) {
      JsonElement x = b.get(p);
      JsonElement y = a.get(p);
      if (!Objects.equals(x, y)) {
        out.add(new FieldChange(p, x, y));
      }
    }
    return out;
  }

  private static void flatten(String path, JsonElement e, Map<String, JsonElement> out) {
    if (e.isJsonObject()) {
      JsonObject o = e.getAsJsonObject();
      if (o.isEmpty()) {
        out.put(path, e);
      }
      for (Map.Entry<String, JsonElement> f : o.entrySet()) {
        flatten(path.isEmpty() ? f.getKey() : path + "." + f.getKey(), f.getValue(), out);
      }
    } else if (e.isJsonArray()) {
      JsonArray a = e.getAsJsonArray();
      if (a.isEmpty()) {
        out.put(path, e);
      }
      for (int i = 0; i < a.size(); i++) {
        flatten(path + "[" + i + "]", a.get(i), out);
      }
    } else if (!e.isJsonNull()) {
      out.put(path, e);
    }
  }

  // ---- reading a bundle
  // -------------------------------------------------------------------------------------

  /**
   * Reads and checks a bundle: its schema version first (an unknown one is refused before anything
   * else is read), then every entity with the admin API's own rules, then ids and references across
   * the bundle, and that each document's file is in the bucket.
   *
   * @throws ApiException 400 naming every invalid field by its path in the bundle
   */
  public static Bundle read(JsonObject body, Predicate<String> documentFileExists) {
    JsonElement version = body.get("schemaVersion");
    if (version == null
        || !version.isJsonPrimitive()
        || !version.getAsJsonPrimitive().isNumber()
        || !version.getAsString().equals(Integer.toString(SCHEMA_VERSION))) {
      // One vocabulary (docs/api.md): a field the route cannot take is 400 invalid, naming it.
      throw ApiException.invalid(
          List.of(
              new FieldError(
                  "schemaVersion",
                  "must be "
                      + SCHEMA_VERSION
                      + " (this trust center reads bundles of that version; this one has "
                      + (version == null ? "none" : Router.safe(version.toString()))
                      + "); nothing was imported",
                  "not_one_of",
                  Map.of("allowed", List.of(SCHEMA_VERSION)))));
    }
    List<FieldError> errors = new ArrayList<>();
    for (String key : body.keySet()) {
      if (!FIELDS.contains(key)) {
        errors.add(new FieldError(Router.safe(key), "is not a known field"));
      }
    }
    Instant exportedAt = null;
    JsonElement at = body.get("exportedAt");
    if (at != null && !at.isJsonNull()) {
      exportedAt = instant(at, "exportedAt", errors);
    }
    Profile profile =
        one(
            body,
            PROFILE,
            errors,
            f -> EntityKind.profile(f)); // the admin API's own rules throughout
    List<Framework> frameworks = list(body, "frameworks", errors, EntityKind::framework);
    List<Category> categories = list(body, "categories", errors, EntityKind::category);
    List<Control> controls = list(body, "controls", errors, EntityKind::control);
    List<Subprocessor> subprocessors =
        list(body, "subprocessors", errors, EntityKind::subprocessor);
    List<Resource> resources = list(body, "resources", errors, EntityKind::resource);
    NdaText nda = one(body, NDA, errors, Bundles::nda);
    List<GatedDocument> documents = list(body, DOCUMENTS, errors, (f, id) -> document(f));
    unique(frameworks, Framework::id, "frameworks", errors);
    unique(categories, Category::id, "categories", errors);
    unique(controls, Control::id, "controls", errors);
    unique(subprocessors, Subprocessor::id, "subprocessors", errors);
    unique(resources, Resource::id, "resources", errors);
    unique(documents, GatedDocument::id, DOCUMENTS, errors);
    Set<String> categoryIds = ids(categories, Category::id);
    for (int i = 0; i < controls.size(); i++) {
      Control c = controls.get(i);
      if (c != null && !categoryIds.contains(c.categoryId())) {
        errors.add(
            new FieldError("controls[" + i + "].categoryId", "is not a category of this bundle"));
      }
    }
    Set<String> subprocessorIds = ids(subprocessors, Subprocessor::id);
    for (int i = 0; i < resources.size(); i++) {
      Resource r = resources.get(i);
      if (r != null
          && !r.owner().equals(EntityKind.COMPANY)
          && !subprocessorIds.contains(r.owner())) {
        errors.add(
            new FieldError(
                "resources[" + i + "].owner",
                "must be \"company\" or the id of a subprocessor of this bundle"));
      }
    }
    if (errors.isEmpty()) {
      for (int i = 0; i < documents.size(); i++) {
        if (!documentFileExists.test(documents.get(i).object())) {
          errors.add(
              new FieldError(
                  "documents[" + i + "].object",
                  "is not in this trust center's documents bucket; upload the document instead"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    return new Bundle(
        SCHEMA_VERSION,
        exportedAt,
        profile,
        frameworks,
        categories,
        controls,
        subprocessors,
        resources,
        nda,
        documents);
  }

  private static <T> T one(
      JsonObject body, String name, List<FieldError> errors, Function<FieldReader, T> decode) {
    JsonElement e = body.get(name);
    if (e == null || e.isJsonNull()) {
      errors.add(new FieldError(name, "is required"));
      return null;
    }
    if (!e.isJsonObject()) {
      errors.add(new FieldError(name, "must be an object"));
      return null;
    }
    try {
      return decode.apply(FieldReader.of(e.getAsJsonObject()));
    } catch (ApiException x) {
      prefixed(name, x, errors);
      return null;
    }
  }

  private static <T> List<T> list(
      JsonObject body,
      String name,
      List<FieldError> errors,
      BiFunction<FieldReader, String, T> decode) {
    JsonElement e = body.get(name);
    if (e == null || e.isJsonNull()) {
      errors.add(new FieldError(name, "is required (an empty list is [])"));
      return List.of();
    }
    if (!e.isJsonArray()) {
      errors.add(new FieldError(name, "must be an array"));
      return List.of();
    }
    JsonArray a = e.getAsJsonArray();
    if (a.size() > MAX_ITEMS) {
      errors.add(new FieldError(name, "has more than " + MAX_ITEMS + " items"));
      return List.of();
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      String at = name + "[" + i + "]";
      JsonElement item = a.get(i);
      if (!item.isJsonObject()) {
        errors.add(new FieldError(at, "must be an object"));
        out.add(null);
        continue;
      }
      JsonElement id = item.getAsJsonObject().get("id");
      String itemId =
          id != null && id.isJsonPrimitive() && id.getAsJsonPrimitive().isString()
              ? id.getAsString()
              : null;
      try {
        out.add(decode.apply(FieldReader.of(item.getAsJsonObject()), itemId));
      } catch (ApiException x) {
        prefixed(at, x, errors);
        out.add(null);
      }
    }
    return out;
  }

  private static void prefixed(String at, ApiException x, List<FieldError> errors) {
    if (x.fields().isEmpty()) {
      errors.add(new FieldError(at, x.getMessage()));
    }
    x.fields().forEach(f -> errors.add(new FieldError(at + "." + f.field(), f.message())));
  }

  private static <T> void unique(
      List<T> items, Function<T, String> id, String name, List<FieldError> errors) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      T item = items.get(i);
      if (item == null) {
        continue;
      }
      Integer first = seen.putIfAbsent(id.apply(item), i);
      if (first != null) {
        errors.add(
            new FieldError(
                name + "[" + i + "].id", "repeats the id of " + name + "[" + first + "]"));
      }
    }
  }

  private static <T> Set<String> ids(List<T> items, Function<T, String> id) {
    Set<String> out = new LinkedHashSet<>();
    items.stream().filter(Objects::nonNull).forEach(x -> out.add(id.apply(x)));
    return out;
  }

  private static NdaText nda(FieldReader f) {
    Text text = f.text("text", NDA_MAX);
    f.finish();
    return new NdaText(text);
  }

  private static GatedDocument document(FieldReader f) {
    String id = f.string("id", 63);
    if (id != null && !DocumentLibrary.ID.matcher(id).matches()) {
      f.reject("id", "must be lower-case letters, digits and dashes (at most 63)");
    }
    String resourceId = f.string("resourceId", 63);
    if (resourceId != null && !DocumentLibrary.ID.matcher(resourceId).matches()) {
      f.reject("resourceId", "must be a resource id");
    }
    String fileName = f.string("fileName", FieldReader.NAME);
    String contentType = f.string("contentType", 100);
    if (contentType != null && !DocumentLibrary.CONTENT_TYPES.containsKey(contentType)) {
      f.reject(
          "contentType",
          "must be one of "
              + String.join(
                  ", ", DocumentLibrary.CONTENT_TYPES.keySet().stream().sorted().toList()));
    }
    int size = f.integer("size", 1, DocumentLibrary.MAX_BYTES);
    String sha256 = f.string("sha256", 64);
    if (sha256 != null && !SHA256.matcher(sha256).matches()) {
      f.reject("sha256", "must be 64 lower-case hex digits");
    }
    int version = f.integer("version", 1, EntityKind.MAX_POSITION);
    String object = f.string("object", 300);
    if (object != null && id != null && !object.startsWith(id + "/")) {
      f.reject("object", "must be one of this document's files (" + id + "/...)");
    }
    String updated = f.string("updatedAt", 40);
    Instant updatedAt = null;
    if (updated != null) {
      try {
        updatedAt = Instant.parse(updated);
      } catch (DateTimeParseException e) {
        f.reject("updatedAt", "must be an ISO-8601 instant such as 2026-03-01T00:00:00Z");
      }
    }
    String updatedBy = f.optionalString("updatedBy", FieldReader.NAME);
    f.finish();
    return new GatedDocument(
        id, resourceId, fileName, contentType, size, sha256, version, object, updatedAt, updatedBy);
  }

  private static Instant instant(JsonElement e, String field, List<FieldError> errors) {
    try {
      if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
        return Instant.parse(e.getAsString());
      }
    } catch (DateTimeParseException x) {
      // reported below
    }
    errors.add(new FieldError(field, "must be an ISO-8601 instant such as 2026-03-01T00:00:00Z"));
    return null;
  }

  private static <T> List<T> sorted(
      List<T> items, java.util.function.ToIntFunction<T> position, Function<T, String> id) {
    return items.stream().sorted(Comparator.comparingInt(position).thenComparing(id)).toList();
  }

  /** Reads a bundle from its JSON text (for tests and tools). */
  static Bundle parse(String json, Predicate<String> documentFileExists) {
    return read(JsonBody.parseObject(json.getBytes(StandardCharsets.UTF_8)), documentFileExists);
  }
}
