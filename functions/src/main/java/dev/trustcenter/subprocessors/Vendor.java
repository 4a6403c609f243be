package dev.trustcenter.subprocessors;

import dev.trustcenter.config.Config;
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
 */
public record Vendor(String id, String name, URI url, SubprocessorPageParser parser) {
  public Vendor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(parser, "parser");
  }

  /**
   * The two vendors, with the URLs of {@code GCP_SUBPROCESSORS_URL} and {@code
   * CLOUDFLARE_SUBPROCESSORS_URL}.
   */
  public static List<Vendor> fromConfig(Config.Sync sync) {
    return List.of(
        new Vendor(
            "google-cloud", "Google Cloud", sync.googleCloudUrl(), new GoogleCloudPageParser()),
        new Vendor("cloudflare", "Cloudflare", sync.cloudflareUrl(), new CloudflarePageParser()));
  }
}
