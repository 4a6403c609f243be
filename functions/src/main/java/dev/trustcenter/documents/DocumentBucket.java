package dev.trustcenter.documents;

import java.net.URI;
import java.time.Duration;

/**
 * The private store of gated document files. Adapters: {@code storage.GcsDocumentBucket} (a Cloud
 * Storage bucket that is never public; downloads are V4 signed URLs) and {@code
 * filestore.FolderDocumentBucket} (a folder of the local run; the local server serves the bytes
 * itself). Objects are written once under a new name per version and never overwritten, so a
 * download in progress never sees a mix of two versions.
 */
public interface DocumentBucket {

  /**
   * Stores {@code bytes} under {@code object} with their content type and SHA-256 (hex) as
   * metadata.
   */
  void put(String object, byte[] bytes, String contentType, String sha256);

  /** Whether the object exists. */
  boolean exists(String object);

  /**
   * How a grantee gets the object: a redirect to a URL valid for {@code validity} or, where the
   * bucket cannot sign URLs, the bytes themselves.
   *
   * @param fileName the name the browser should save the file as
   */
  Download download(String object, String fileName, Duration validity);

  /** A way to hand the object to the grantee. */
  sealed interface Download permits Redirect, Content {}

  /** Send the client to this short-lived URL. */
  record Redirect(URI url) implements Download {}

  /** Send these bytes. */
  record Content(byte[] bytes, String contentType) implements Download {}
}
