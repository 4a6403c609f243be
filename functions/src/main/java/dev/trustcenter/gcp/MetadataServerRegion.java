package dev.trustcenter.gcp;

import dev.trustcenter.controls.RegionSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link RegionSource} from the metadata server of Cloud Run functions: {@code GET
 * /computeMetadata/v1/instance/region} with {@code Metadata-Flavor: Google} answers {@code
 * projects/<number>/regions/<region>}.
 *
 * @see <a href="https://cloud.google.com/run/docs/container-contract#metadata-server">Cloud Run
 *     metadata server</a>
 */
public final class MetadataServerRegion implements RegionSource {
  /** The metadata server's address inside Google Cloud. */
  public static final URI METADATA = URI.create("http://metadata.google.internal");

  private final URI base;
  private final HttpClient http;

  public MetadataServerRegion(URI base, HttpClient http) {
    this.base = Objects.requireNonNull(base, "base");
    this.http = Objects.requireNonNull(http, "http");
  }

  /** The runtime's own metadata server. */
  public static MetadataServerRegion inRuntime() {
    return new MetadataServerRegion(
        METADATA, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
  }

  @Override
  public String region() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/computeMetadata/v1/instance/region"))
            .timeout(Duration.ofSeconds(10))
            .header("Metadata-Flavor", "Google")
            .GET()
            .build();
    HttpResponse<String> response =
        http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      throw new IOException(
          "the metadata server answered " + response.statusCode() + " for the region");
    }
    String body = response.body().strip();
    if (!body.matches("projects/[0-9]+/regions/[a-z0-9-]+")) {
      throw new IOException("the metadata server's region has an unexpected shape");
    }
    return body.substring(body.lastIndexOf('/') + 1);
  }
}
