package dev.trustcenter.site;

import dev.trustcenter.site.CdnCache.FailedPurge;
import java.time.Instant;
import java.util.List;

/**
 * What one publish did: the body of {@code publish-site}'s answer, and the document recorded in
 * {@value SitePublisher#RUNS}.
 *
 * @param id the run's id (its start time first, so runs list in time order)
 * @param complete false when an upload or deletion failed (see {@code error}); the next run
 *     finishes the job
 * @param error why the run stopped early, or null
 * @param files how many files the site has
 * @param rendered how many of them were rendered in this run (the others are control pages whose
 *     inputs had not changed since they were published)
 * @param uploaded paths uploaded because they were new or changed, in upload order
 * @param deleted paths removed because the site no longer has them
 * @param purged URLs Cloudflare accepted to purge (including ones left over from earlier runs)
 * @param failedPurges URLs still cached; kept in the store and retried on the next run
 * @param purgeSkipped why nothing was purged although something changed (no CDN configured
 *     locally), or null
 * @param notes what the renderer left out and why (e.g. security.txt without a contact)
 */
public record PublishResult(
    String id,
    Instant startedAt,
    Instant finishedAt,
    boolean complete,
    String error,
    int files,
    int rendered,
    List<String> uploaded,
    List<String> deleted,
    List<String> purged,
    List<FailedPurge> failedPurges,
    String purgeSkipped,
    List<String> notes) {
  public PublishResult {
    uploaded = List.copyOf(uploaded);
    deleted = List.copyOf(deleted);
    purged = List.copyOf(purged);
    failedPurges = List.copyOf(failedPurges);
    notes = List.copyOf(notes);
  }
}
