package dev.trustcenter.site;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole site as files, keyed by path, plus what the renderer chose not to publish and why (for
 * example no {@code security.txt} without a security contact).
 *
 * @param files the files rendered this time
 * @param notes what was left out and why
 * @param kept the pages not rendered again because their inputs did not change since the last
 *     publish, path to the SHA-256 of the content the bucket already holds for them; empty for a
 *     full render
 * @param fingerprints for the pages rendered only when their inputs change (rendered or kept), path
 *     to the fingerprint of those inputs ({@link SiteRenderer.Reuse})
 * @param histories per control id, the fingerprint of its history part this render used, to be
 *     reused by the next while it holds ({@link SiteRenderer.HistoryPrint})
 */
public record RenderedSite(
    Map<String, SiteFile> files,
    List<String> notes,
    Map<String, String> kept,
    Map<String, String> fingerprints,
    Map<String, SiteRenderer.HistoryPrint> histories) {
  public RenderedSite {
    files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    notes = List.copyOf(notes);
    kept = Collections.unmodifiableMap(new LinkedHashMap<>(kept));
    fingerprints = Collections.unmodifiableMap(new LinkedHashMap<>(fingerprints));
    histories = Collections.unmodifiableMap(new LinkedHashMap<>(histories));
    for (String path : kept.keySet()) {
      if (files.containsKey(path)) {
        throw new IllegalArgumentException("both rendered and kept: " + path);
      }
    }
  }

  /** A site rendered whole. */
  public RenderedSite(Map<String, SiteFile> files, List<String> notes) {
    this(files, notes, Map.of(), Map.of(), Map.of());
  }

  /** The file at {@code path}, or null (also for a kept page). */
  public SiteFile file(String path) {
    return files.get(path);
  }

  /** How many files the site has, rendered and kept. */
  public int size() {
    return files.size() + kept.size();
  }

  /** Whether the site has a file at {@code path}, rendered or kept. */
  public boolean has(String path) {
    return files.containsKey(path) || kept.containsKey(path);
  }
}
