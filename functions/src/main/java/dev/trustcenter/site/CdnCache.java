package dev.trustcenter.site;

import java.util.List;
import java.util.Objects;

/**
 * The cache in front of the site (Cloudflare). The publisher purges exactly the URLs whose content
 * changed or disappeared.
 *
 * <p>Contract: every URL asked for ends up in exactly one of {@link Outcome#purged()} and {@link
 * Outcome#failed()}; a refusal is reported there, not thrown, so the caller can keep the failed
 * URLs and retry them on its next run.
 */
public interface CdnCache {

  /** Purges the cached copies of {@code urls} (absolute URLs). An empty list sends nothing. */
  Outcome purge(List<String> urls);

  /** What a purge did. */
  record Outcome(List<String> purged, List<FailedPurge> failed) {
    public Outcome {
      purged = List.copyOf(purged);
      failed = List.copyOf(failed);
    }

    /** Every URL failed for the same reason (e.g. the purge could not start). */
    public static Outcome allFailed(List<String> urls, String reason) {
      return new Outcome(List.of(), urls.stream().map(u -> new FailedPurge(u, reason)).toList());
    }
  }

  /** A URL that is still cached, and why; never contains credentials. */
  record FailedPurge(String url, String reason) {
    public FailedPurge {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
