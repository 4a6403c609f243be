package dev.trustcenter.gcp;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.trustcenter.evidence.Ed25519;
import dev.trustcenter.evidence.NoteSigner;
import dev.trustcenter.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The deployed checkpoint signer: an Ed25519 key version in Cloud KMS ({@code EC_SIGN_ED25519}), so
 * the private key never leaves KMS. Two REST calls: {@code cryptoKeyVersions.getPublicKey} once,
 * {@code cryptoKeyVersions.asymmetricSign} per checkpoint, both with the CRC32C integrity checks
 * KMS offers. The function's service account needs {@code roles/cloudkms.signerVerifier} on the key
 * (see {@code infra/}).
 *
 * <p>Access tokens come from a supplier (application default credentials in production) and are
 * sent only in the {@code Authorization} header; errors never include them.
 */
public final class CloudKmsNoteSigner implements NoteSigner {
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http;
  private final HttpUrl baseUrl;
  private final String keyVersion;
  private final String name;
  private volatile byte[] publicKey;

  /**
   * @param baseUrl {@code https://cloudkms.googleapis.com/}
   * @param keyVersion {@code projects/P/locations/L/keyRings/R/cryptoKeys/K/cryptoKeyVersions/V}
   * @param accessToken supplies a current OAuth access token with the cloud-platform scope
   */
  public CloudKmsNoteSigner(
      OkHttpClient http,
      HttpUrl baseUrl,
      String keyVersion,
      String name,
      Supplier<String> accessToken) {
    Objects.requireNonNull(accessToken, "accessToken");
    this.http =
        http.newBuilder()
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain
                            .request()
                            .newBuilder()
                            .header("Authorization", "Bearer " + accessToken.get())
                            .build()))
            .build();
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    if (!keyVersion.matches(
        "projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+/cryptoKeyVersions/[^/]+")) {
      throw new IllegalArgumentException(
          "EVIDENCE_LOG_KMS_KEY must name a key version: projects/.../cryptoKeyVersions/N");
    }
    this.keyVersion = keyVersion;
    this.name = Objects.requireNonNull(name, "name");
  }

  /** The signer of a deployed function: application default credentials, the shared HTTP client. */
  public static CloudKmsNoteSigner withDefaultCredentials(
      OkHttpClient http, String keyVersion, String name) {
    GoogleCredentials credentials;
    try {
      credentials =
          GoogleCredentials.getApplicationDefault()
              .createScoped("https://www.googleapis.com/auth/cloud-platform");
    } catch (IOException e) {
      throw new UncheckedIOException("no application default credentials for Cloud KMS", e);
    }
    return new CloudKmsNoteSigner(
        http,
        HttpUrl.get("https://cloudkms.googleapis.com/"),
        keyVersion,
        name,
        () -> {
          try {
            credentials.refreshIfExpired();
            return credentials.getAccessToken().getTokenValue();
          } catch (IOException e) {
            throw new KmsException("cannot get an access token for Cloud KMS: " + e.getMessage());
          }
        });
  }

  /** A failed KMS call: the status and KMS's error message, never a token. */
  public static final class KmsException extends RuntimeException {
    public KmsException(String message) {
      super(message);
    }
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * https://cloud.google.com/kms/docs/reference/rest/v1/projects.locations.keyRings.cryptoKeys.cryptoKeyVersions/getPublicKey
   */
  @Override
  public byte[] publicKey() {
    byte[] key = publicKey;
    if (key == null) {
      JsonObject body =
          call(new Request.Builder().url(url("/publicKey")).get().build(), "getPublicKey");
      String algorithm = string(body, "algorithm");
      if (!"EC_SIGN_ED25519".equals(algorithm)) {
        throw new KmsException(
            "the KMS key " + keyVersion + " is " + algorithm + ", not EC_SIGN_ED25519");
      }
      String pem = string(body, "pem");
      if (body.has("pemCrc32c")
          && Long.parseLong(string(body, "pemCrc32c"))
              != crc32c(pem.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
        throw new KmsException("the public key from KMS failed its CRC32C check");
      }
      String b64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
      key = Ed25519.rawPublicKey(Base64.getDecoder().decode(b64));
      publicKey = key;
    }
    return key.clone();
  }

  /**
   * https://cloud.google.com/kms/docs/reference/rest/v1/projects.locations.keyRings.cryptoKeys.cryptoKeyVersions/asymmetricSign
   */
  @Override
  public byte[] sign(byte[] message) {
    String request =
        Json.write(
            Map.of(
                "data",
                Base64.getEncoder().encodeToString(message),
                "dataCrc32c",
                Long.toString(crc32c(message))));
    JsonObject body =
        call(
            new Request.Builder()
                .url(url(":asymmetricSign"))
                .post(RequestBody.create(request, JSON))
                .build(),
            "asymmetricSign");
    if (!body.has("verifiedDataCrc32c") || !body.get("verifiedDataCrc32c").getAsBoolean()) {
      throw new KmsException(
          "KMS did not verify the data's CRC32C; the request may have been corrupted");
    }
    if (!keyVersion.equals(string(body, "name"))) {
      throw new KmsException(
          "KMS signed with " + string(body, "name") + " instead of " + keyVersion);
    }
    byte[] signature = Base64.getDecoder().decode(string(body, "signature"));
    if (body.has("signatureCrc32c")
        && Long.parseLong(string(body, "signatureCrc32c")) != crc32c(signature)) {
      throw new KmsException("the signature from KMS failed its CRC32C check");
    }
    return signature;
  }

  private HttpUrl url(String suffix) {
    return HttpUrl.get(baseUrl.toString().replaceAll("/+$", "") + "/v1/" + keyVersion + suffix);
  }

  private JsonObject call(Request request, String method) {
    try (Response response = http.newCall(request).execute()) {
      String text = response.body().string();
      if (!response.isSuccessful()) {
        throw new KmsException(
            "KMS " + method + " answered " + response.code() + ": " + errorMessage(text));
      }
      return JsonParser.parseString(text).getAsJsonObject();
    } catch (IOException e) {
      throw new KmsException("KMS " + method + " failed: " + e.getMessage());
    } catch (JsonParseException | IllegalStateException e) {
      throw new KmsException("KMS " + method + " answered something that is not a JSON object");
    }
  }

  /** Google's error shape: {@code {"error": {"code", "message", "status"}}}. */
  private static String errorMessage(String body) {
    try {
      JsonObject error = JsonParser.parseString(body).getAsJsonObject().getAsJsonObject("error");
      String m = error.get("status").getAsString() + " " + error.get("message").getAsString();
      return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    } catch (RuntimeException e) {
      return "(no error message)";
    }
  }

  private static String string(JsonObject o, String field) {
    if (!o.has(field) || !o.get(field).isJsonPrimitive()) {
      throw new KmsException("KMS's answer has no " + field);
    }
    return o.get(field).getAsString();
  }

  static long crc32c(byte[] bytes) {
    CRC32C c = new CRC32C();
    c.update(bytes);
    return c.getValue();
  }
}
