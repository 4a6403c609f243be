package dev.trustcenter.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.google.api.gax.grpc.GrpcStatusCode;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.protobuf.ByteString;
import dev.trustcenter.config.Config;
import io.grpc.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Secret Manager adapter, with the SDK client mocked (Secret Manager cannot run here). */
class SecretManagerSecretsTest extends SecretSourceContract {
  static final String VERSION =
      "projects/demo-project/secrets/cloudflare-api-token/versions/latest";
  private final SecretManagerServiceClient client = mock(SecretManagerServiceClient.class);
  private final SecretManagerSecrets source;

  SecretManagerSecretsTest() {
    when(client.accessSecretVersion(VERSION))
        .thenReturn(
            AccessSecretVersionResponse.newBuilder()
                .setName("projects/123/secrets/cloudflare-api-token/versions/3")
                .setPayload(
                    SecretPayload.newBuilder().setData(ByteString.copyFromUtf8(CLOUDFLARE_TOKEN)))
                .build());
    source =
        new SecretManagerSecrets(
            Config.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN_SECRET", VERSION)), () -> client);
  }

  @Override
  protected SecretSource source() {
    return source;
  }

  @Test
  void aSecretIsReadOncePerInstance() {
    source.secret(Secret.CLOUDFLARE_API_TOKEN);
    source.secret(Secret.CLOUDFLARE_API_TOKEN);
    verify(client, times(1)).accessSecretVersion(VERSION);
  }

  @Test
  void aMalformedVersionName_failsWithoutCallingSecretManager() {
    SecretManagerSecrets bad =
        new SecretManagerSecrets(
            Config.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN_SECRET", "cloudflare-api-token")),
            () -> client);
    SecretUnavailableException e =
        assertThrows(
            SecretUnavailableException.class, () -> bad.secret(Secret.CLOUDFLARE_API_TOKEN));
    assertTrue(e.getMessage().contains("CLOUDFLARE_API_TOKEN_SECRET"));
    verify(client, never()).accessSecretVersion(anyString());
  }

  @Test
  void aFailedRead_namesTheVariableAndVersion_andIsNotCached() {
    String missing = "projects/demo-project/secrets/smtp/versions/1";
    StatusCode notFound = GrpcStatusCode.of(Status.Code.NOT_FOUND);
    when(client.accessSecretVersion(missing))
        .thenThrow(
            new NotFoundException(
                new RuntimeException("Secret Version [" + missing + "] not found."),
                notFound,
                false));
    SecretManagerSecrets s =
        new SecretManagerSecrets(
            Config.fromEnvironment(Map.of("SMTP_PASSWORD_SECRET", missing)), () -> client);
    SecretUnavailableException e =
        assertThrows(SecretUnavailableException.class, () -> s.secret(Secret.SMTP_PASSWORD));
    assertTrue(
        e.getMessage().contains("SMTP_PASSWORD_SECRET") && e.getMessage().contains(missing),
        e.getMessage());
    assertThrows(SecretUnavailableException.class, () -> s.secret(Secret.SMTP_PASSWORD));
    verify(client, times(2)).accessSecretVersion(missing);
  }

  @Test
  void theValueNeverAppearsInAFailureMessage() {
    when(client.accessSecretVersion(VERSION))
        .thenReturn(
            AccessSecretVersionResponse.newBuilder()
                .setPayload(SecretPayload.newBuilder().setData(ByteString.EMPTY))
                .build());
    SecretManagerSecrets s =
        new SecretManagerSecrets(
            Config.fromEnvironment(Map.of("CLOUDFLARE_API_TOKEN_SECRET", VERSION)), () -> client);
    SecretUnavailableException e =
        assertThrows(SecretUnavailableException.class, () -> s.secret(Secret.CLOUDFLARE_API_TOKEN));
    assertFalse(e.getMessage().contains(CLOUDFLARE_TOKEN));
    assertEquals(SecretUnavailableException.class, e.getClass());
  }
}
