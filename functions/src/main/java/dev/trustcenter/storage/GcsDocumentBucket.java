package dev.trustcenter.storage;

import com.google.auth.ServiceAccountSigner;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import dev.trustcenter.documents.DocumentBucket;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Gated documents in a private Cloud Storage bucket ({@code DOCUMENTS_BUCKET}). Downloads are V4
 * signed URLs. In Cloud Functions the signer is the runtime's {@code ComputeEngineCredentials},
 * which signs through the IAM {@code signBlob} API: the runtime service account needs {@code
 * roles/iam.serviceAccountTokenCreator} on itself and {@code storage.objects.get} on the bucket.
 * Tests pass a signer built from a local key.
 */
public final class GcsDocumentBucket implements DocumentBucket {
  private final Storage storage;
  private final String bucket;
  private final ServiceAccountSigner signer;
  private final boolean preconditions;

  /**
   * @param signer signs URLs; null: the credentials of {@code storage} sign them (production)
   */
  public GcsDocumentBucket(Storage storage, String bucket, ServiceAccountSigner signer) {
    this(storage, bucket, signer, true);
  }

  /**
   * The production bucket: the client and URL signer come from the runtime's default credentials.
   */
  public static GcsDocumentBucket withDefaultCredentials(String bucket) {
    return new GcsDocumentBucket(
        com.google.cloud.storage.StorageOptions.getDefaultInstance().getService(), bucket, null);
  }

  /**
   * @param preconditions whether uploads carry the {@code ifGenerationMatch=0} precondition; false
   *     only for Google's in-memory fake, which rejects every precondition option
   */
  GcsDocumentBucket(
      Storage storage, String bucket, ServiceAccountSigner signer, boolean preconditions) {
    this.storage = Objects.requireNonNull(storage);
    this.bucket = Objects.requireNonNull(bucket);
    this.signer = signer;
    this.preconditions = preconditions;
  }

  @Override
  public void put(String object, byte[] bytes, String contentType, String sha256) {
    BlobInfo info =
        BlobInfo.newBuilder(BlobId.of(bucket, object))
            .setContentType(contentType)
            .setCacheControl("private, no-store")
            .setMetadata(Map.of("sha256", sha256))
            .build();
    if (exists(object)) {
      throw new IllegalStateException(
          "object " + object + " already exists; versions are never overwritten");
    }
    try {
      // doesNotExist closes the race the check above leaves open: objects are immutable versions.
      if (preconditions) {
        storage.create(info, bytes, Storage.BlobTargetOption.doesNotExist());
      } else {
        storage.create(info, bytes);
      }
    } catch (StorageException e) {
      throw new IllegalStateException(
          "could not store " + object + " in the documents bucket: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean exists(String object) {
    return storage.get(BlobId.of(bucket, object)) != null;
  }

  @Override
  public Download download(String object, String fileName, Duration validity) {
    BlobInfo info = BlobInfo.newBuilder(BlobId.of(bucket, object)).build();
    List<Storage.SignUrlOption> options = new ArrayList<>();
    options.add(Storage.SignUrlOption.withV4Signature());
    options.add(Storage.SignUrlOption.httpMethod(com.google.cloud.storage.HttpMethod.GET));
    if (signer != null) {
      options.add(Storage.SignUrlOption.signWith(signer));
    }
    // Ask Cloud Storage to send it as an attachment with a sensible name, whatever the browser.
    options.add(
        Storage.SignUrlOption.withQueryParams(
            Map.of("response-content-disposition", "attachment; filename=\"" + fileName + "\"")));
    try {
      return new Redirect(
          storage
              .signUrl(
                  info,
                  validity.toSeconds(),
                  TimeUnit.SECONDS,
                  options.toArray(Storage.SignUrlOption[]::new))
              .toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("signed URL is not a URI", e);
    }
  }
}
