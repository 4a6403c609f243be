package dev.trustcenter.filestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.site.CacheClass;
import dev.trustcenter.site.SiteBucket;
import dev.trustcenter.site.SiteBucketContract;
import dev.trustcenter.site.SiteFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bucket contract against the local folder, plus reopening, serving and path safety. */
class FolderSiteBucketTest extends SiteBucketContract {
  @TempDir Path dataDir;
  private FolderSiteBucket bucket;

  @BeforeEach
  void open() {
    bucket = FolderSiteBucket.open(dataDir);
  }

  @Override
  protected SiteBucket bucket() {
    return bucket;
  }

  @Override
  protected void assertStored(String path, SiteFile file) {
    FolderSiteBucket.Served served = bucket.read(path).orElseThrow();
    assertArrayEquals(file.bytes(), served.bytes());
    assertEquals(file.contentType(), served.contentType());
    assertEquals(file.cacheControl(), served.cacheControl());
  }

  @Test
  void whatWasPublishedSurvivesAReopen_andAFileDeletedByHandIsNoLongerListed() throws Exception {
    SiteFile page =
        file("/en/index.html", "<p>hi</p>", CacheClass.PAGE, "text/html; charset=utf-8");
    bucket.put(page);
    bucket.put(
        file("/robots.txt", "User-agent: *\n", CacheClass.DATA, "text/plain; charset=utf-8"));
    FolderSiteBucket reopened = FolderSiteBucket.open(dataDir);
    assertEquals(page.sha256(), reopened.list().get("/en/index.html"));
    Files.delete(dataDir.resolve("site/robots.txt"));
    assertFalse(reopened.list().containsKey("/robots.txt"));
  }

  @Test
  void putsAndDeletesAppendToALog_foldedIntoTheManifestOnceItIsAsLarge_andAReopenReplaysIt()
      throws Exception {
    Path log = dataDir.resolve("site-manifest.log");
    Path manifest = dataDir.resolve("site-manifest.json");
    for (int i = 0; i < 10; i++) {
      bucket.put(page(i, "first"));
    }
    bucket.delete("/p/3/index.html");
    assertEquals(11, Files.readAllLines(log).size(), "one line per put or delete");
    assertFalse(Files.exists(manifest), "nothing written whole yet");
    assertEquals(bucket.list(), FolderSiteBucket.open(dataDir).list());
    // Past the minimum, the log is folded into the manifest and starts again.
    for (int i = 0; i < FolderSiteBucket.MIN_LOG_LINES; i++) {
      bucket.put(page(i, "second"));
    }
    assertTrue(Files.exists(manifest));
    assertTrue(Files.readAllLines(log).size() < FolderSiteBucket.MIN_LOG_LINES);
    FolderSiteBucket reopened = FolderSiteBucket.open(dataDir);
    assertEquals(bucket.list(), reopened.list());
    assertEquals(FolderSiteBucket.MIN_LOG_LINES, reopened.list().size());
    assertEquals(page(5, "second").sha256(), reopened.list().get("/p/5/index.html"));
  }

  @Test
  void aLogLineCutShortByACrash_isIgnored_andWhatFollowsIsKept() throws Exception {
    bucket.put(page(1, "one"));
    bucket.put(page(2, "two"));
    Path log = dataDir.resolve("site-manifest.log");
    String whole = Files.readString(log);
    // The last put's line was cut short: its file is written but not listed, so the next publish
    // writes it again.
    Files.writeString(log, whole.substring(0, whole.length() - 10));
    FolderSiteBucket reopened = FolderSiteBucket.open(dataDir);
    assertEquals(java.util.Set.of("/p/1/index.html"), reopened.list().keySet());
    reopened.put(page(3, "three"));
    FolderSiteBucket again = FolderSiteBucket.open(dataDir);
    assertEquals(java.util.Set.of("/p/1/index.html", "/p/3/index.html"), again.list().keySet());
    assertEquals(page(3, "three").sha256(), again.list().get("/p/3/index.html"));
  }

  private static SiteFile page(int i, String text) {
    return file("/p/" + i + "/index.html", text, CacheClass.PAGE, "text/html; charset=utf-8");
  }

  @Test
  void deletingTheLastFileOfAFolderRemovesTheFolder() {
    bucket.put(file("/es/controls/x/index.html", "x", CacheClass.PAGE, "text/html; charset=utf-8"));
    bucket.delete("/es/controls/x/index.html");
    assertFalse(Files.exists(dataDir.resolve("site/es")));
    assertTrue(Files.isDirectory(dataDir.resolve("site")));
  }

  @Test
  void pathsThatCouldLeaveTheFolderAreNeverReadNorWritten() throws Exception {
    Files.writeString(dataDir.resolve("secret.txt"), "secret");
    for (String path :
        List.of(
            "/../secret.txt",
            "/es/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/..\\secret.txt",
            "/./x",
            "//x",
            "/",
            "")) {
      assertTrue(bucket.read(path).isEmpty(), path);
      assertFalse(bucket.has(path), path);
    }
    assertThrows(IllegalArgumentException.class, () -> bucket.delete("/../secret.txt"));
    assertTrue(bucket.read("/site-manifest.json").isEmpty(), "the manifest is not served");
    assertTrue(Files.exists(dataDir.resolve("secret.txt")));
  }

  @Test
  void aPathEditedIntoTheManifestThatCouldLeaveTheFolderIsDroppedWhenOpened() throws Exception {
    Files.writeString(dataDir.resolve("secret.txt"), "secret");
    bucket.put(file("/en/index.html", "<p>hi</p>", CacheClass.PAGE, "text/html; charset=utf-8"));
    Path manifest = dataDir.resolve("site-manifest.json");
    Files.writeString(
        manifest,
        "{\"/en/index.html\":{\"sha256\":\"x\"}," + "\"/../secret.txt\":{\"sha256\":\"y\"}}");
    Files.deleteIfExists(dataDir.resolve("site-manifest.log"));

    FolderSiteBucket reopened = FolderSiteBucket.open(dataDir);

    assertEquals(java.util.Map.of("/en/index.html", "x"), reopened.list());
    assertFalse(Files.readString(manifest).contains("secret"), "written back without it");
  }
}
