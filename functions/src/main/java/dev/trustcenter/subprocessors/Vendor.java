package dev.trustcenter.subprocessors;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A direct subprocessor whose own subprocessor list is synced.
 *
 * @param id the id of the {@link dev.trustcenter.content.Subprocessor} it belongs to ({@code
 *     google-cloud}, {@code cloudflare}); also its document id and archive folder
 * @param name display name, e.g. {@code Google Cloud}
 * @param url the page fetched
 * @param parser how that page is read
 * @param noticeDays the notice the vendor commits to give before a change to its list takes effect,
 *     in days, or null when it commits to none; relayed with each change it makes
 */
public record Vendor(
    String id, String name, URI url, SubprocessorPageParser parser, Integer noticeDays) {
  /**
   * Google Cloud's Data Processing Addendum and Cloudflare's DPA both commit to at least 30 days'
   * notice of a new subprocessor.
   */
  public static final int DPA_NOTICE_DAYS = 30;

  /** A vendor that commits to no notice period. */
  public Vendor(String id, String name, URI url, SubprocessorPageParser parser) {
    this(id, name, url, parser, null);
  }

  public Vendor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(parser, "parser");
  }

  /**
   * The two vendors whose lists are synced, each with the page it is read from.
   *
   * @param googleCloudUrl Google Cloud's subprocessor page ({@code GCP_SUBPROCESSORS_URL})
   * @param cloudflareUrl Cloudflare's subprocessor page ({@code CLOUDFLARE_SUBPROCESSORS_URL})
   */
  public static List<Vendor> synced(URI googleCloudUrl, URI cloudflareUrl) {
    return List.of(
        new Vendor(
            "google-cloud",
            "Google Cloud",
            googleCloudUrl,
            new GoogleCloudPageParser(),
            DPA_NOTICE_DAYS),
        new Vendor(
            "cloudflare",
            "Cloudflare",
            cloudflareUrl,
            new CloudflarePageParser(),
            DPA_NOTICE_DAYS));
  }
}
