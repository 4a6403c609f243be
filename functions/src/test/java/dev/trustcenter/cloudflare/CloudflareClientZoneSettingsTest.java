package dev.trustcenter.cloudflare;

import static dev.trustcenter.cloudflare.CloudflareFixtures.TOKEN;
import static dev.trustcenter.cloudflare.CloudflareFixtures.ZONE_ID;
import static dev.trustcenter.cloudflare.CloudflareFixtures.client;
import static dev.trustcenter.cloudflare.CloudflareFixtures.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.cloudflare.CloudflareFixtures.RecordingSleeper;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class CloudflareClientZoneSettingsTest {

  @StartStop private final MockWebServer server = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();

  private static final String SETTINGS =
      "[{\"id\":\"always_use_https\",\"value\":\"on\",\"editable\":true,\"modified_on\":\"2024-03-01T10:15:30.123456Z\"},"
          + "{\"id\":\"min_tls_version\",\"value\":\"1.2\",\"editable\":true,\"modified_on\":null},"
          + "{\"id\":\"ssl\",\"value\":\"strict\",\"editable\":true,\"modified_on\":\"2024-01-01T00:00:00Z\"},"
          + "{\"id\":\"tls_1_3\",\"value\":\"zrt\",\"editable\":true,\"modified_on\":null},"
          + "{\"id\":\"security_header\",\"value\":{\"strict_transport_security\":{\"enabled\":true,"
          + "\"max_age\":31536000,\"include_subdomains\":true,\"preload\":false,\"nosniff\":true}},"
          + "\"editable\":true,\"modified_on\":null},"
          + "{\"id\":\"http3\",\"value\":\"on\",\"editable\":false,\"modified_on\":null}]";

  @Test
  void allSettingsOfAZone_areReadInOneRequestWithTheEncryptionInTransitValues() throws Exception {
    server.enqueue(ok(SETTINGS));

    Map<String, ZoneSetting> settings = client(server, sleeper, 4).zoneSettings(ZONE_ID);

    assertEquals(Optional.of("strict"), settings.get("ssl").stringValue());
    assertEquals(Optional.of("1.2"), settings.get("min_tls_version").stringValue());
    assertEquals(Optional.of("on"), settings.get("always_use_https").stringValue());
    assertEquals(
        Optional.of(new StrictTransportSecurity(true, 31536000, true, false, true)),
        settings.get("security_header").strictTransportSecurity());
    assertFalse(settings.get("http3").editable());
    assertEquals(
        Instant.parse("2024-03-01T10:15:30.123456Z"),
        settings.get("always_use_https").modifiedOn());
    assertNull(settings.get("min_tls_version").modifiedOn());
    assertEquals(6, settings.size());

    RecordedRequest request = server.takeRequest();
    assertEquals("GET", request.getMethod());
    assertEquals("/client/v4/zones/" + ZONE_ID + "/settings", request.getUrl().encodedPath());
    assertEquals("Bearer " + TOKEN, request.getHeaders().get("Authorization"));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void oneSetting_isReadFromItsOwnPathWithIdValueEditableAndModifiedOn() throws Exception {
    server.enqueue(
        ok(
            "{\"id\":\"min_tls_version\",\"value\":\"1.2\",\"editable\":true,"
                + "\"modified_on\":\"2024-01-01T00:00:00Z\"}"));

    ZoneSetting setting = client(server, sleeper, 4).zoneSetting(ZONE_ID, "min_tls_version");

    assertEquals(
        new ZoneSetting("min_tls_version", "\"1.2\"", true, Instant.parse("2024-01-01T00:00:00Z")),
        setting);
    assertEquals(
        "/client/v4/zones/" + ZONE_ID + "/settings/min_tls_version",
        server.takeRequest().getUrl().encodedPath());
  }

  @Test
  void securityHeaderWithHstsOff_readsAsDisabledAndHasNoStringValue() {
    server.enqueue(
        ok(
            "{\"id\":\"security_header\",\"value\":{\"strict_transport_security\":{\"enabled\":false,"
                + "\"max_age\":0,\"include_subdomains\":false,\"preload\":false,\"nosniff\":false}},"
                + "\"editable\":true,\"modified_on\":null}"));

    ZoneSetting setting = client(server, sleeper, 4).zoneSetting(ZONE_ID, "security_header");

    assertFalse(setting.strictTransportSecurity().orElseThrow().enabled());
    assertEquals(Optional.empty(), setting.stringValue());
  }

  @Test
  void stringSetting_hasNoHstsAndUnknownValuesAreKeptAsText() {
    server.enqueue(
        ok(
            "{\"id\":\"ssl\",\"value\":\"origin_pull\",\"editable\":true,\"modified_on\":\"not a"
                + " date\"}"));

    ZoneSetting setting = client(server, sleeper, 4).zoneSetting(ZONE_ID, "ssl");

    assertEquals(Optional.of("origin_pull"), setting.stringValue());
    assertEquals(Optional.empty(), setting.strictTransportSecurity());
    assertNull(setting.modifiedOn());
  }

  @Test
  void verifiedToken_isActiveWithItsIdAndExpiry() throws Exception {
    server.enqueue(
        CloudflareFixtures.json(
            200,
            "{\"result\":{\"id\":\"ed17574386854bf78a67040be0a770b0\",\"status\":\"active\","
                + "\"expires_on\":\"2030-01-01T00:00:00Z\"},\"success\":true,\"errors\":[],\"messages\":[{\"code\":10000,\"message\":\"This"
                + " API Token is valid and active\",\"type\":null}]}"));

    TokenStatus status = client(server, sleeper, 4).verifyToken();

    assertTrue(status.active());
    assertEquals("ed17574386854bf78a67040be0a770b0", status.id());
    assertEquals(Instant.parse("2030-01-01T00:00:00Z"), status.expiresOn());
    assertNull(status.notBefore());
    assertEquals("/client/v4/user/tokens/verify", server.takeRequest().getUrl().encodedPath());
  }

  @Test
  void expiredToken_verifiesButIsNotActive() {
    server.enqueue(ok("{\"id\":\"ed17574386854bf78a67040be0a770b0\",\"status\":\"expired\"}"));

    assertFalse(client(server, sleeper, 4).verifyToken().active());
  }
}
