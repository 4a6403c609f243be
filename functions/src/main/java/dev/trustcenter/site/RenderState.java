package dev.trustcenter.site;

import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * What the last publish rendered, kept in the store ({@value SitePublisher#COLLECTION}/{@value
 * #DOC}) so that the next publish renders only the pages whose inputs changed: per page, the
 * fingerprint of everything it was rendered from and the SHA-256 of what that rendered to; per
 * control, the fingerprint of its history part with the digest and the times it holds for ({@link
 * SiteRenderer.HistoryPrint}), so a kept control page needs its history neither parsed nor derived.
 *
 * <p>A page is taken as unchanged only when both hold: its inputs' fingerprint is the one recorded,
 * and the bucket holds exactly the content recorded for it (so a failed upload, or an object
 * changed or removed outside the publisher, is rendered again). The state belongs to one build of
 * the code (the hash of the jar or class folder, which also holds the templates, messages, styles
 * and script): state written by another build, a missing or unreadable document, or an unknown
 * build means every page is rendered.
 *
 * <p>A publish after one change alters a few entries of hundreds, so the state is stored as a whole
 * ({@value #DOC}, with an id) and the entries changed since it was written ({@value #CHANGES},
 * naming that id): a publish rewrites only the changes, and writes the whole state again (with no
 * changes) once they reach an eighth of it, or at least {@value #MIN_CHANGES} entries. Changes that
 * name another whole state are ignored: an older state only makes a publish render more, never
 * less.
 */
final class RenderState {
  private static final Logger LOG = Logger.getLogger(RenderState.class.getName());
  static final String DOC = "render-state";

  /** The entries changed since {@value #DOC} was written. */
  static final String CHANGES = "render-state-changes";

  /** The whole state is written again once the changes have this many entries, or an eighth. */
  static final int MIN_CHANGES = 64;

  /** A state that reuses nothing. */
  static final RenderState NONE = new RenderState(null, Map.of(), Map.of());

  private final String build;
  private final Map<String, Page> pages;
  private final Map<String, SiteRenderer.HistoryPrint> histories;

  /**
   * One page as last rendered.
   *
   * @param inputs the fingerprint of its inputs ({@link SiteRenderer.Reuse})
   * @param sha256 the SHA-256 (hex) of the file they rendered to
   */
  record Page(String inputs, String sha256) {}

  /** The whole state, as stored; {@code id} names it for the changes stored after it. */
  private record Stored(
      String build,
      String id,
      Map<String, Page> pages,
      Map<String, SiteRenderer.HistoryPrint> histories) {}

  /** The entries added, replaced or removed since the whole state {@code base} was written. */
  private record Changes(
      String build,
      String base,
      Map<String, Page> pages,
      List<String> removedPages,
      Map<String, SiteRenderer.HistoryPrint> histories,
      List<String> removedHistories) {
    int size() {
      return pages.size() + removedPages.size() + histories.size() + removedHistories.size();
    }
  }

  RenderState(
      String build, Map<String, Page> pages, Map<String, SiteRenderer.HistoryPrint> histories) {
    this.build = build;
    this.pages = Map.copyOf(pages);
    this.histories = Map.copyOf(histories);
  }

  /**
   * The state recorded by {@code build}, or {@link #NONE} when there is none, it cannot be read, it
   * was written by another build, or {@code build} is null (unknown).
   */
  static RenderState read(DocumentStore store, String build) {
    return new Kept().read(store, build);
  }

  /**
   * Reads and writes the state (both documents), keeping the whole state it last read or wrote and
   * the changes over it, parsed: while their stored texts are the same, they are not parsed again
   * (the whole state is 174 KB at 300 controls). Both documents are still read every time, so a
   * state written by another instance is never missed. Not thread-safe: the publisher holds its
   * lock.
   */
  static final class Kept {
    /** The whole state's text, its id, and the state it holds (NONE when unusable). */
    private String baseJson;

    private String baseId;
    private RenderState base;

    /** The changes' text (null when none are stored) and the state with them applied. */
    private String changesJson;

    private RenderState state;

    RenderState read(DocumentStore store, String build) {
      if (build == null) {
        return NONE;
      }
      try {
        String text = store.get(SitePublisher.COLLECTION, DOC).map(d -> d.json()).orElse(null);
        if (text == null) {
          forget();
          return NONE;
        }
        if (!text.equals(baseJson) || base == null || !build.equals(base.build)) {
          Stored s = Json.read(text, Stored.class);
          boolean usable = s != null && build.equals(s.build()) && s.pages() != null;
          base =
              usable
                  ? new RenderState(build, clean(s.pages()), cleanHistories(s.histories()))
                  : NONE;
          baseId = usable ? s.id() : null;
          baseJson = text;
          changesJson = null;
          state = base;
        }
        if (base == NONE) {
          return NONE;
        }
        String changes =
            store.get(SitePublisher.COLLECTION, CHANGES).map(d -> d.json()).orElse(null);
        if (changes == null) {
          changesJson = null;
          state = base;
        } else if (!changes.equals(changesJson)) {
          state = applied(changes, build);
          changesJson = changes;
        }
        return state;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "render state unreadable, rendering every page", e);
        forget();
        return NONE;
      }
    }

    /** The whole state with {@code json}'s changes, or without them when they are not its. */
    private RenderState applied(String json, String build) {
      Changes c;
      try {
        c = Json.read(json, Changes.class);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "render state changes unreadable, using the state without them", e);
        return base;
      }
      if (c == null
          || !build.equals(c.build())
          || baseId == null
          || !baseId.equals(c.base())
          || c.pages() == null
          || c.removedPages() == null
          || c.histories() == null
          || c.removedHistories() == null) {
        return base;
      }
      Map<String, Page> pages = new LinkedHashMap<>(base.pages);
      pages.putAll(clean(c.pages()));
      c.removedPages().forEach(pages::remove);
      Map<String, SiteRenderer.HistoryPrint> histories = new LinkedHashMap<>(base.histories);
      histories.putAll(cleanHistories(c.histories()));
      c.removedHistories().forEach(histories::remove);
      return new RenderState(build, pages, histories);
    }

    private void forget() {
      baseJson = null;
      baseId = null;
      base = null;
      changesJson = null;
      state = null;
    }

    /**
     * Stores {@code next} unless it equals {@code previous} or its build is unknown: as changes
     * over the whole state this instance read or wrote, while they stay small, otherwise whole. A
     * failure is logged, not thrown: the next publish then renders more than it needs to, never
     * less.
     */
    void write(DocumentStore store, RenderState next, RenderState previous) {
      if (next.build == null || next.sameAs(previous)) {
        return;
      }
      try {
        if (base != null && base != NONE && baseId != null && next.build.equals(base.build)) {
          Changes c = changes(baseId, base, next);
          if (c.size() <= Math.max(MIN_CHANGES, (base.pages.size() + base.histories.size()) / 8)) {
            String json = Json.write(c);
            store.transaction(
                tx -> {
                  tx.put(SitePublisher.COLLECTION, CHANGES, json);
                  return null;
                });
            changesJson = json;
            state = next;
            return;
          }
        }
        String id = java.util.UUID.randomUUID().toString();
        String json = Json.write(new Stored(next.build, id, next.pages, next.histories));
        store.transaction(
            tx -> {
              tx.put(SitePublisher.COLLECTION, DOC, json);
              tx.delete(SitePublisher.COLLECTION, CHANGES);
              return null;
            });
        baseJson = json;
        baseId = id;
        base = next;
        changesJson = null;
        state = next;
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "render state not stored; the next publish renders what changed since the stored one",
            e);
        forget();
      }
    }
  }

  /** The changes that turn {@code base} into {@code next}. */
  private static Changes changes(String baseId, RenderState base, RenderState next) {
    Map<String, Page> pages = new LinkedHashMap<>();
    next.pages.forEach(
        (path, page) -> {
          if (!page.equals(base.pages.get(path))) {
            pages.put(path, page);
          }
        });
    List<String> removedPages =
        base.pages.keySet().stream().filter(p -> !next.pages.containsKey(p)).sorted().toList();
    Map<String, SiteRenderer.HistoryPrint> histories = new LinkedHashMap<>();
    next.histories.forEach(
        (id, h) -> {
          if (!h.equals(base.histories.get(id))) {
            histories.put(id, h);
          }
        });
    List<String> removedHistories =
        base.histories.keySet().stream()
            .filter(id -> !next.histories.containsKey(id))
            .sorted()
            .toList();
    return new Changes(next.build, baseId, pages, removedPages, histories, removedHistories);
  }

  private boolean sameAs(RenderState other) {
    return build != null
        && build.equals(other.build)
        && pages.equals(other.pages)
        && histories.equals(other.histories);
  }

  private static Map<String, Page> clean(Map<String, Page> pages) {
    Map<String, Page> out = new LinkedHashMap<>();
    pages.forEach(
        (path, page) -> {
          if (path != null && page != null && page.inputs() != null && page.sha256() != null) {
            out.put(path, page);
          }
        });
    return out;
  }

  private static Map<String, SiteRenderer.HistoryPrint> cleanHistories(
      Map<String, SiteRenderer.HistoryPrint> histories) {
    Map<String, SiteRenderer.HistoryPrint> out = new LinkedHashMap<>();
    if (histories != null) {
      histories.forEach(
          (id, h) -> {
            if (id != null && h != null) {
              out.put(id, h);
            }
          });
    }
    return out;
  }

  /**
   * What the renderer may reuse given what the bucket holds now ({@code published}, path to
   * SHA-256).
   */
  SiteRenderer.Reuse reuse(Map<String, String> published) {
    Objects.requireNonNull(published, "published");
    SiteRenderer.Reuse recorded = reuseAsRecorded();
    return new SiteRenderer.Reuse() {
      @Override
      public String published(String path, String inputs) {
        String sha = recorded.published(path, inputs);
        return sha != null && sha.equals(published.get(path)) ? sha : null;
      }

      @Override
      public SiteRenderer.HistoryPrint history(String controlId) {
        return recorded.history(controlId);
      }
    };
  }

  /**
   * What the renderer may reuse if the bucket still holds every page as this state records it: the
   * render that {@link #reuse} would give when {@link #stillPublished} then holds for its result.
   * Lets a publish render while the bucket is being listed.
   */
  SiteRenderer.Reuse reuseAsRecorded() {
    return new SiteRenderer.Reuse() {
      @Override
      public String published(String path, String inputs) {
        Page last = pages.get(path);
        return last != null && last.inputs().equals(inputs) ? last.sha256() : null;
      }

      @Override
      public SiteRenderer.HistoryPrint history(String controlId) {
        return histories.get(controlId);
      }
    };
  }

  /**
   * Whether every page {@code site} kept is in the bucket ({@code published}, path to SHA-256) as
   * it was kept. Then {@code site}, rendered with {@link #reuseAsRecorded}, is what {@link
   * #reuse}{@code (published)} gives: the two reuse the same pages, since {@link #reuse} asks the
   * same of a page and, in addition, that the bucket holds it as recorded.
   */
  static boolean stillPublished(RenderedSite site, Map<String, String> published) {
    for (Map.Entry<String, String> kept : site.kept().entrySet()) {
      if (!kept.getValue().equals(published.get(kept.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** The state {@code site} leaves, for {@code build}. */
  static RenderState of(String build, RenderedSite site) {
    Map<String, Page> pages = new LinkedHashMap<>();
    site.fingerprints()
        .forEach(
            (path, inputs) -> {
              SiteFile file = site.file(path);
              String sha = file != null ? file.sha256() : site.kept().get(path);
              pages.put(path, new Page(inputs, sha));
            });
    return new RenderState(build, pages, site.histories());
  }

  int size() {
    return pages.size();
  }

  // ---- the build

  private static volatile String codeBuild;

  /**
   * The SHA-256 of the code and site files this class was loaded from (the jar, or the class folder
   * when run from a build), computed once; null when they cannot be read.
   */
  static String build() {
    String b = codeBuild;
    if (b == null) {
      synchronized (RenderState.class) {
        if (codeBuild == null) {
          codeBuild = hashCodeSource();
        }
        b = codeBuild;
      }
    }
    return b.isEmpty() ? null : b;
  }

  /**
   * The code that shapes the pages: this jar or class folder, the template engine's (the same jar
   * once shaded), and the Java runtime (its locale data writes the dates).
   */
  private static String hashCodeSource() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(Runtime.version().toString().getBytes(StandardCharsets.UTF_8));
      Path own = location(RenderState.class);
      Path engine = location(com.github.mustachejava.Mustache.class);
      if (own == null || engine == null) {
        return "";
      }
      hash(digest, own);
      if (!engine.equals(own)) {
        hash(digest, engine);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException
        | UncheckedIOException
        | URISyntaxException
        | NoSuchAlgorithmException
        | SecurityException
        | IllegalArgumentException
        | java.nio.file.FileSystemNotFoundException e) {
      LOG.log(Level.WARNING, "code build unknown, every publish renders every page", e);
      return "";
    }
  }

  private static Path location(Class<?> type) throws URISyntaxException {
    var source = type.getProtectionDomain().getCodeSource();
    return source == null || source.getLocation() == null
        ? null
        : Path.of(source.getLocation().toURI());
  }

  private static void hash(MessageDigest digest, Path root) throws IOException {
    if (Files.isRegularFile(root)) {
      update(digest, root);
      return;
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      digest.update(root.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      update(digest, f);
    }
  }

  private static void update(MessageDigest digest, Path file) throws IOException {
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
  }
}
