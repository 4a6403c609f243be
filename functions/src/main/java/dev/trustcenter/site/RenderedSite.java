package dev.trustcenter.site;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole site as files, keyed by path, plus what the renderer chose not to publish and why (for
 * example no {@code security.txt} without a security contact).
 */
public record RenderedSite(Map<String, SiteFile> files, List<String> notes) {
  public RenderedSite {
    files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
    notes = List.copyOf(notes);
  }

  /** The file at {@code path}, or null. */
  public SiteFile file(String path) {
    return files.get(path);
  }
}
