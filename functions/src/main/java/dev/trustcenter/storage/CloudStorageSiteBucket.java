package dev.trustcenter.storage;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import dev.trustcenter.site.SiteBucket;
import dev.trustcenter.site.SiteFile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link SiteBucket} on a Cloud Storage bucket (the one the site's load balancer serves). Each
 * object gets its content type, {@code Cache-Control} and the content's SHA-256 in the custom
 * metadata key {@value #HASH}, all set when it is created: objects are replaced whole, never
 * updated in place.
 */
public final class CloudStorageSiteBucket implements SiteBucket {
  static final String HASH = "sha256";

  private final Storage storage;
  private final String bucket;

  public CloudStorageSiteBucket(Storage storage, String bucket) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
  }

  /** The bucket {@code bucket} through application default credentials. */
  public static CloudStorageSiteBucket connect(String bucket) {
    return new CloudStorageSiteBucket(
        com.google.cloud.storage.StorageOptions.getDefaultInstance().getService(), bucket);
  }

  @Override
  public Map<String, String> list() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Blob blob : storage.list(bucket).iterateAll()) {
      Map<String, String> metadata = blob.getMetadata();
      String hash = metadata == null ? null : metadata.get(HASH);
      // An object without our hash (uploaded by hand) is listed with an empty hash, so it is
      // replaced or deleted.
      out.put("/" + blob.getName(), hash == null ? "" : hash);
    }
    return out;
  }

  @Override
  public void put(SiteFile file) {
    BlobInfo info =
        BlobInfo.newBuilder(BlobId.of(bucket, name(file.path())))
            .setContentType(file.contentType())
            .setCacheControl(file.cacheControl())
            .setMetadata(Map.of(HASH, file.sha256()))
            .build();
    storage.create(info, file.bytes());
  }

  @Override
  public void delete(String path) {
    storage.delete(BlobId.of(bucket, name(path)));
  }

  private static String name(String path) {
    if (!path.startsWith("/") || path.length() < 2) {
      throw new IllegalArgumentException("not a site path: " + path);
    }
    return path.substring(1);
  }
}
