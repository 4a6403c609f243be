package dev.trustcenter.storage;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import dev.trustcenter.subprocessors.ArchivedPage;
import dev.trustcenter.subprocessors.FetchedPage;
import dev.trustcenter.subprocessors.PageArchive;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The page archive in a Cloud Storage bucket ({@code ARCHIVE_BUCKET}). An object that exists is
 * left alone; a new one is created with the {@code ifGenerationMatch=0} precondition, so a
 * concurrent writer of the same name cannot be overwritten either (a 412 means it won). The
 * bucket's retention policy makes the evidence immutable on top. Needs {@code
 * roles/storage.objectCreator} and {@code roles/storage.objectViewer} on the bucket.
 */
public final class CloudStoragePageArchive implements PageArchive {
  private final Storage storage;
  private final String bucket;

  public CloudStoragePageArchive(Storage storage, String bucket) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.bucket = Objects.requireNonNull(bucket, "bucket");
  }

  /** An archive in {@code bucket} through the runtime's default credentials. */
  public static CloudStoragePageArchive inBucket(String bucket) {
    return new CloudStoragePageArchive(
        com.google.cloud.storage.StorageOptions.getDefaultInstance().getService(), bucket);
  }

  @Override
  public ArchivedPage archive(String vendor, FetchedPage page) {
    ArchivedPage names = ArchivedPage.namesFor(vendor, page, true);
    Map<String, String> metadata =
        Map.of(
            "sha256",
            page.sha256(),
            "fetchedAt",
            page.fetchedAt().toString(),
            "url",
            page.finalUrl().toString());
    boolean created = createNew(names.pageName(), "text/html", metadata, page.body());
    createNew(
        names.metadataName(), "application/json", metadata, ArchivedPage.metadata(vendor, page));
    return created ? names : names.existing();
  }

  @Override
  public Optional<byte[]> read(String name) {
    try {
      Blob blob = storage.get(BlobId.of(bucket, name));
      return blob == null ? Optional.empty() : Optional.of(blob.getContent());
    } catch (StorageException e) {
      throw new ArchiveException(
          "could not read gs://" + bucket + "/" + name + ": " + e.getMessage(), e);
    }
  }

  private boolean createNew(
      String name, String contentType, Map<String, String> metadata, byte[] bytes) {
    BlobInfo info =
        BlobInfo.newBuilder(BlobId.of(bucket, name))
            .setContentType(contentType)
            .setMetadata(metadata)
            .build();
    try {
      if (storage.get(info.getBlobId()) != null) {
        return false;
      }
      storage.create(info, bytes, Storage.BlobTargetOption.doesNotExist());
      return true;
    } catch (StorageException e) {
      if (e.getCode() == 412) {
        return false;
      }
      throw new ArchiveException(
          "could not archive to gs://" + bucket + "/" + name + ": " + e.getMessage(), e);
    }
  }
}
