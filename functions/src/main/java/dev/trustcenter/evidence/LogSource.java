package dev.trustcenter.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where {@code verify} reads a published site from: a folder (the local server's {@code
 * <dataDir>/site}, or a copy of the bucket) or the site's URL. Paths are relative to the site's
 * root ({@code log/checkpoint}).
 */
public interface LogSource {

  /**
   * The file's bytes, or empty if the site has no such file. Other failures are unchecked
   * exceptions.
   */
  Optional<byte[]> read(String path);

  /** A folder, or an http(s) URL, as {@code verify}'s argument names it. */
  static LogSource of(String location) {
    if (location.startsWith("https://") || location.startsWith("http://")) {
      return new Http(URI.create(location.endsWith("/") ? location : location + "/"));
    }
    return new Folder(Path.of(location));
  }

  /** A folder holding the published files under their URL paths. */
  record Folder(Path root) implements LogSource {
    @Override
    public Optional<byte[]> read(String path) {
      Path file = root.resolve(path).normalize();
      if (!file.startsWith(root.normalize())) {
        throw new IllegalArgumentException("path outside the site: " + path);
      }
      try {
        return Optional.of(Files.readAllBytes(file));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
  }

  /** The live site, over HTTP(S), with the JDK's client. */
  final class Http implements LogSource {
    private final URI base;
    private final HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    Http(URI base) {
      this.base = base;
    }

    @Override
    public Optional<byte[]> read(String path) {
      URI uri = base.resolve(path);
      try {
        HttpResponse<byte[]> r =
            client.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 404) {
          return Optional.empty();
        }
        if (r.statusCode() != 200) {
          throw new UncheckedIOException(new IOException(uri + " answered " + r.statusCode()));
        }
        return Optional.of(r.body());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot fetch " + uri + ": " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException(new IOException("interrupted fetching " + uri));
      }
    }
  }
}
