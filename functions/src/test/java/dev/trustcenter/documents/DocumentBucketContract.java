package dev.trustcenter.documents;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.auth.RandomTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What every {@link DocumentBucket} adapter must do. */
public abstract class DocumentBucketContract {

  protected abstract DocumentBucket bucket();

  /** Checks that {@code download} hands out exactly {@code bytes} of {@code contentType}. */
  protected abstract void assertServes(
      DocumentBucket.Download download, String object, byte[] bytes, String contentType);

  /** The SHA-256 the adapter stored as metadata of {@code object}. */
  protected abstract String storedSha256(String object);

  @Test
  void storedObjectExistsAndIsServedWithItsTypeAndHash() {
    DocumentBucket b = bucket();
    byte[] bytes = "%PDF-1.7 certificate".getBytes(StandardCharsets.UTF_8);
    String sha = dev.trustcenter.http.Responses.sha256Hex(bytes);
    assertFalse(b.exists("iso-27001/v1-abc"));
    b.put("iso-27001/v1-abc", bytes, "application/pdf", sha);
    assertTrue(b.exists("iso-27001/v1-abc"));
    assertTrue(RandomTokens.sameHash(sha, storedSha256("iso-27001/v1-abc")));
    assertServes(
        b.download("iso-27001/v1-abc", "iso-27001.pdf", Duration.ofMinutes(5)),
        "iso-27001/v1-abc",
        bytes,
        "application/pdf");
  }

  @Test
  void anObjectIsNeverOverwritten() {
    DocumentBucket b = bucket();
    b.put(
        "policy/v1-x",
        new byte[] {1},
        "text/plain",
        dev.trustcenter.http.Responses.sha256Hex(new byte[] {1}));
    assertThrows(
        RuntimeException.class,
        () ->
            b.put(
                "policy/v1-x",
                new byte[] {2},
                "text/plain",
                dev.trustcenter.http.Responses.sha256Hex(new byte[] {2})));
    assertServes(
        b.download("policy/v1-x", "policy.txt", Duration.ofMinutes(5)),
        "policy/v1-x",
        new byte[] {1},
        "text/plain");
  }
}
