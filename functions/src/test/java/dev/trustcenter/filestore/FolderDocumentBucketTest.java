package dev.trustcenter.filestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trustcenter.documents.DocumentBucket;
import dev.trustcenter.documents.DocumentBucketContract;
import dev.trustcenter.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderDocumentBucketTest extends DocumentBucketContract {
  @TempDir Path dir;
  private FolderDocumentBucket bucket;

  @BeforeEach
  void open() {
    bucket = new FolderDocumentBucket(dir);
  }

  @Override
  protected DocumentBucket bucket() {
    return bucket;
  }

  @Override
  protected void assertServes(
      DocumentBucket.Download download, String object, byte[] bytes, String contentType) {
    DocumentBucket.Content c = assertInstanceOf(DocumentBucket.Content.class, download);
    assertArrayEquals(bytes, c.bytes());
    assertEquals(contentType, c.contentType());
  }

  @Override
  protected String storedSha256(String object) {
    try {
      return (String)
          Json.read(
                  Files.readString(dir.resolve("documents").resolve(object + ".meta.json")),
                  Map.class)
              .get("sha256");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void objectNamesCannotEscapeTheFolder() {
    assertThrows(
        IllegalArgumentException.class,
        () -> bucket.put("../x/v1", new byte[] {1}, "text/plain", "00"));
    assertThrows(IllegalArgumentException.class, () -> bucket.exists("a/../../etc"));
  }
}
