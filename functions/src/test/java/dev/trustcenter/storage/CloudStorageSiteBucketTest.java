package dev.trustcenter.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.trustcenter.site.SiteBucket;
import dev.trustcenter.site.SiteBucketContract;
import dev.trustcenter.site.SiteFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bucket contract against Google's in-memory Cloud Storage fake. */
class CloudStorageSiteBucketTest extends SiteBucketContract {
  static final String BUCKET = "trust-site";
  private Storage storage;
  private CloudStorageSiteBucket bucket;

  @BeforeEach
  void fresh() {
    storage = LocalStorageHelper.getOptions().getService();
    bucket = new CloudStorageSiteBucket(storage, BUCKET);
  }

  @Override
  protected SiteBucket bucket() {
    return bucket;
  }

  @Override
  protected void assertStored(String path, SiteFile file) {
    Blob blob = storage.get(BlobId.of(BUCKET, path.substring(1)));
    assertArrayEquals(file.bytes(), blob.getContent());
    assertEquals(file.contentType(), blob.getContentType());
    assertEquals(file.cacheControl(), blob.getCacheControl());
    assertEquals(file.sha256(), blob.getMetadata().get("sha256"));
  }

  @Test
  void anObjectUploadedByHand_isListedWithAnEmptyHash_soThePublisherReplacesOrDeletesIt() {
    storage.create(BlobInfo.newBuilder(BUCKET, "stray.html").build(), new byte[] {1});
    assertEquals("", bucket.list().get("/stray.html"));
  }
}
