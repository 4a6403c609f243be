package dev.trustcenter.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.evidence.NoteSigner;
import dev.trustcenter.evidence.NoteSignerContract;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Against a stand-in Cloud KMS speaking the REST API's shapes (getPublicKey, asymmetricSign with
 * CRC32C fields, Google's error envelope), signing with a real Ed25519 key.
 */
class CloudKmsNoteSignerTest extends NoteSignerContract {
  static final String KEY =
      "projects/p/locations/europe-west1/keyRings/trust/cryptoKeys/evidence-log/cryptoKeyVersions/1";
  static final String TOKEN = "ya29.secret-access-token";

  @StartStop private final MockWebServer kms = new MockWebServer();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private volatile String algorithm = "EC_SIGN_ED25519";
  private volatile int failWith = 0;

  @Override
  protected NoteSigner signer(String name) throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    kms.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.add(request);
            if (failWith != 0) {
              return json(
                  failWith,
                  "{\"error\":{\"code\":403,\"message\":\"Permission 'cloudkms.cryptoKeyVersions.useToSign' denied on resource\",\"status\":\"PERMISSION_DENIED\"}}");
            }
            String path = request.getUrl().encodedPath();
            if (request.getMethod().equals("GET") && path.equals("/v1/" + KEY + "/publicKey")) {
              String pem =
                  "-----BEGIN PUBLIC KEY-----\n"
                      + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
                      + "\n-----END PUBLIC KEY-----\n";
              JsonObject o = new JsonObject();
              o.addProperty("pem", pem);
              o.addProperty("algorithm", algorithm);
              o.addProperty("pemCrc32c", Long.toString(CloudKmsNoteSigner.crc32c(pem.getBytes())));
              o.addProperty("name", KEY);
              o.addProperty("protectionLevel", "HSM");
              return json(200, o.toString());
            }
            if (request.getMethod().equals("POST")
                && path.equals("/v1/" + KEY + ":asymmetricSign")) {
              JsonObject body = JsonParser.parseString(request.getBody().utf8()).getAsJsonObject();
              byte[] data = Base64.getDecoder().decode(body.get("data").getAsString());
              boolean crcOk =
                  Long.parseLong(body.get("dataCrc32c").getAsString())
                      == CloudKmsNoteSigner.crc32c(data);
              if (!crcOk) {
                return json(
                    400,
                    "{\"error\":{\"code\":400,\"message\":\"checksum mismatch\",\"status\":\"INVALID_ARGUMENT\"}}");
              }
              try {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(pair.getPrivate());
                s.update(data);
                byte[] sig = s.sign();
                JsonObject o = new JsonObject();
                o.addProperty("signature", Base64.getEncoder().encodeToString(sig));
                o.addProperty("signatureCrc32c", Long.toString(CloudKmsNoteSigner.crc32c(sig)));
                o.addProperty("verifiedDataCrc32c", true);
                o.addProperty("name", KEY);
                o.addProperty("protectionLevel", "HSM");
                return json(200, o.toString());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }
            return json(
                404,
                "{\"error\":{\"code\":404,\"message\":\"not found\",\"status\":\"NOT_FOUND\"}}");
          }
        });
    return new CloudKmsNoteSigner(new OkHttpClient(), kms.url("/"), KEY, name, () -> TOKEN);
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json; charset=UTF-8")
        .body(body)
        .build();
  }

  @Test
  void everyCallCarriesTheAccessTokenInTheHeaderOnly() throws Exception {
    NoteSigner signer = signer("log");
    signer.sign("text\n".getBytes());
    assertFalse(requests.isEmpty());
    for (RecordedRequest r : requests) {
      assertEquals("Bearer " + TOKEN, r.getHeaders().get("Authorization"));
      assertFalse(r.getUrl().toString().contains(TOKEN));
    }
  }

  @Test
  void aRefusalNamesKmsErrorAndNeverTheToken() throws Exception {
    NoteSigner signer = signer("log");
    failWith = 403;
    CloudKmsNoteSigner.KmsException e =
        assertThrows(CloudKmsNoteSigner.KmsException.class, () -> signer.sign("x\n".getBytes()));
    assertTrue(
        e.getMessage().contains("403") && e.getMessage().contains("PERMISSION_DENIED"),
        e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN));
  }

  @Test
  void aKeyOfAnotherAlgorithmIsRefused() throws Exception {
    algorithm = "EC_SIGN_P256_SHA256";
    NoteSigner signer = signer("log");
    CloudKmsNoteSigner.KmsException e =
        assertThrows(CloudKmsNoteSigner.KmsException.class, signer::publicKey);
    assertTrue(e.getMessage().contains("not EC_SIGN_ED25519"), e.getMessage());
  }
}
