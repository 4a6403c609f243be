package dev.trustcenter.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@link SiteBucket} contract; every adapter's test extends it. Subclasses also check, with
 * their own means, that content type and cache control were stored with the object ({@link
 * #assertStored}).
 */
public abstract class SiteBucketContract {

  /** The adapter under test, empty. */
  protected abstract SiteBucket bucket();

  /**
   * Asserts the object at {@code path} holds exactly {@code file}'s bytes, content type and cache
   * control.
   */
  protected abstract void assertStored(String path, SiteFile file);

  protected static SiteFile file(String path, String body, CacheClass kind, String type) {
    return new SiteFile(path, body.getBytes(StandardCharsets.UTF_8), type, kind);
  }

  @Test
  void anEmptyBucketListsNothing() {
    assertEquals(Map.of(), bucket().list());
  }

  @Test
  void putObjectsAreListedWithTheHashOfTheirContent() {
    SiteFile page =
        file("/es/index.html", "<p>hola</p>", CacheClass.PAGE, "text/html; charset=utf-8");
    SiteFile css =
        file("/assets/site.0123abcd.css", "body{}", CacheClass.ASSET, "text/css; charset=utf-8");
    SiteFile txt =
        file(
            "/.well-known/security.txt",
            "Contact: mailto:a@b.example\n",
            CacheClass.DATA,
            "text/plain; charset=utf-8");
    bucket().put(page);
    bucket().put(css);
    bucket().put(txt);
    assertEquals(
        Map.of(page.path(), page.sha256(), css.path(), css.sha256(), txt.path(), txt.sha256()),
        bucket().list());
    assertStored(page.path(), page);
    assertStored(css.path(), css);
    assertStored(txt.path(), txt);
  }

  @Test
  void aSecondPutReplacesContentHeadersAndHash() {
    bucket()
        .put(file("/trust.json", "{\"v\":1}", CacheClass.DATA, "application/json; charset=utf-8"));
    SiteFile newer = file("/trust.json", "{\"v\":2}", CacheClass.PAGE, "text/plain; charset=utf-8");
    bucket().put(newer);
    assertEquals(Map.of("/trust.json", newer.sha256()), bucket().list());
    assertStored("/trust.json", newer);
  }

  @Test
  void deleteRemovesOneObject_andDeletingAMissingObjectDoesNothing() {
    bucket()
        .put(file("/es/controls/a/index.html", "a", CacheClass.PAGE, "text/html; charset=utf-8"));
    bucket()
        .put(file("/es/controls/b/index.html", "b", CacheClass.PAGE, "text/html; charset=utf-8"));
    bucket().delete("/es/controls/a/index.html");
    bucket().delete("/es/controls/a/index.html");
    bucket().delete("/never/was.html");
    assertEquals(1, bucket().list().size());
    assertTrue(bucket().list().containsKey("/es/controls/b/index.html"));
    assertFalse(bucket().list().containsKey("/es/controls/a/index.html"));
  }
}
