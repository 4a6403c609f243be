package dev.trustcenter.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import dev.trustcenter.documents.DocumentBucket;
import dev.trustcenter.documents.DocumentBucketContract;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Cloud Storage adapter against Google's in-memory Storage fake, signing URLs with a service
 * account key generated here: the signature is checked with the public key, so a wrong
 * string-to-sign fails the test.
 */
class GcsDocumentBucketTest extends DocumentBucketContract {
  static final String EMAIL = "trust-api@demo-project.iam.gserviceaccount.com";
  static KeyPair keys;
  static ServiceAccountCredentials signer;

  private Storage storage;
  private GcsDocumentBucket bucket;

  @BeforeAll
  static void key() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    keys = g.generateKeyPair();
    signer =
        ServiceAccountCredentials.newBuilder()
            .setClientEmail(EMAIL)
            .setClientId("1234")
            .setPrivateKey((RSAPrivateKey) keys.getPrivate())
            .setPrivateKeyId("test-key")
            .setProjectId("demo-project")
            .build();
  }

  @BeforeEach
  void open() {
    storage = LocalStorageHelper.getOptions().getService();
    bucket = new GcsDocumentBucket(storage, "trust-docs", signer, false);
  }

  @Override
  protected DocumentBucket bucket() {
    return bucket;
  }

  @Override
  protected void assertServes(
      DocumentBucket.Download download, String object, byte[] bytes, String contentType) {
    DocumentBucket.Redirect r = assertInstanceOf(DocumentBucket.Redirect.class, download);
    assertTrue(r.url().getPath().endsWith("/trust-docs/" + object), r.url().toString());
    // The bucket fake cannot serve signed URLs; what the URL points at must hold exactly these
    // bytes.
    assertArrayEquals(bytes, storage.readAllBytes(BlobId.of("trust-docs", object)));
    assertEquals(contentType, storage.get(BlobId.of("trust-docs", object)).getContentType());
  }

  @Override
  protected String storedSha256(String object) {
    return storage.get(BlobId.of("trust-docs", object)).getMetadata().get("sha256");
  }

  static Map<String, String> query(URI u) {
    Map<String, String> q = new LinkedHashMap<>();
    for (String pair : u.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      q.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }

  @Test
  void signedUrlIsV4WithFiveMinutesAndAValidSignatureOfTheServiceAccount() throws Exception {
    bucket.put("pentest/v1-aa", new byte[] {7}, "application/pdf", "ab");
    Instant before = Instant.now();
    URI url =
        ((DocumentBucket.Redirect)
                bucket.download("pentest/v1-aa", "pentest.pdf", Duration.ofMinutes(5)))
            .url();
    Map<String, String> q = query(url);

    assertEquals("https", url.getScheme());
    assertEquals("GOOG4-RSA-SHA256", q.get("X-Goog-Algorithm"));
    assertEquals("300", q.get("X-Goog-Expires"));
    String date = q.get("X-Goog-Date");
    String day = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(before);
    assertTrue(date.startsWith(day), date);
    assertEquals(
        EMAIL + "/" + date.substring(0, 8) + "/auto/storage/goog4_request",
        q.get("X-Goog-Credential"));
    assertEquals("host", q.get("X-Goog-SignedHeaders"));
    assertTrue(q.get("X-Goog-Signature").matches("[0-9a-f]{512}"), "2048-bit RSA signature in hex");
    assertEquals("attachment; filename=\"pentest.pdf\"", q.get("response-content-disposition"));

    // Rebuild Google's V4 string-to-sign and verify the signature with the public key.
    String canonicalQuery =
        url.getRawQuery().replaceAll("&?X-Goog-Signature=[0-9a-f]+", "").replaceFirst("^&", "");
    String[] parts = canonicalQuery.split("&");
    java.util.Arrays.sort(parts);
    String canonicalRequest =
        "GET\n"
            + url.getRawPath()
            + "\n"
            + String.join("&", parts)
            + "\nhost:"
            + url.getHost()
            + "\n\nhost\nUNSIGNED-PAYLOAD";
    String stringToSign =
        "GOOG4-RSA-SHA256\n"
            + date
            + "\n"
            + date.substring(0, 8)
            + "/auto/storage/goog4_request\n"
            + HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(keys.getPublic());
    verifier.update(stringToSign.getBytes(StandardCharsets.UTF_8));
    assertTrue(
        verifier.verify(HexFormat.of().parseHex(q.get("X-Goog-Signature"))),
        "signature verifies with the public key");
  }

  @Test
  void aSignatureOfAnotherKeyDoesNotVerify() throws Exception {
    bucket.put("pentest/v1-bb", new byte[] {7}, "application/pdf", "ab");
    URI url =
        ((DocumentBucket.Redirect)
                bucket.download("pentest/v1-bb", "pentest.pdf", Duration.ofMinutes(5)))
            .url();
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(g.generateKeyPair().getPublic());
    verifier.update("anything".getBytes(StandardCharsets.UTF_8));
    assertTrue(!verifier.verify(HexFormat.of().parseHex(query(url).get("X-Goog-Signature"))));
  }
}
