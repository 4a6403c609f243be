package dev.trustcenter.documents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.trustcenter.app.Services;
import dev.trustcenter.http.Guard;
import dev.trustcenter.http.RateLimiter;
import dev.trustcenter.http.Router;
import dev.trustcenter.testing.FakeHttp;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import dev.trustcenter.testing.MutableClock;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access-request mails end to end: the local server, a real SMTP server in the test (GreenMail),
 * real mails.
 */
@IntegrationTest
class AccessRequestMailTest {
  static final String DEV_TOKEN = LocalServerFixture.DEV_TOKEN;

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  LocalServerFixture server;
  Services services;
  HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  void start(Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>(LocalServerFixture.smtp(mail.getSmtp().getPort()));
    env.put("ACCESS_AUTO_APPROVE_DOMAINS", "partner.example");
    env.putAll(extra);
    server = LocalServerFixture.start(dir, env, clock);
    services = server.services();
    Router admin = new Router();
    services
        .documents()
        .registerAdmin(admin, ex -> Guard.require(services.adminAuthenticator(), ex));
    FakeHttp.Response up = new FakeHttp.Response();
    admin.dispatch(
        FakeHttp.request("PUT", "/v1/documents/iso-27001-certificate")
            .header("Authorization", "Bearer " + DEV_TOKEN)
            .body("%PDF iso".getBytes(), "application/pdf"),
        up);
    assertEquals(201, up.status(), up.text());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  HttpResponse<String> request(String name, String email, String lang) throws Exception {
    String json =
        "{\"name\":"
            + new com.google.gson.Gson().toJson(name)
            + ",\"email\":\""
            + email
            + "\",\"company\":\"Partner Ltd\","
            + "\"reason\":\"\",\"documentIds\":[\"iso-27001-certificate\"],\"ndaVersion\":1,\"ndaAccepted\":true,\"language\":\""
            + lang
            + "\"}";
    return http.send(
        HttpRequest.newBuilder(
                URI.create("http://localhost:" + server.port() + "/api/v1/access-requests"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static String text(MimeMessage m) throws Exception {
    return (String) m.getContent();
  }

  @Test
  void autoApprovedLinksNameTheCompanyAndTheDocumentAndCarryTheTokenOnlyInTheFragment()
      throws Exception {
    start(Map.of());
    assertEquals(202, request("Pat Lee", "pat@sub.partner.example", "en").statusCode());
    assertTrue(mail.waitForIncomingEmail(5000, 1));
    MimeMessage m = mail.getReceivedMessages()[0];
    assertEquals("Copsis: your access to security documents", m.getSubject());
    InternetAddress from = (InternetAddress) m.getFrom()[0];
    assertEquals("Copsis Trust Center", from.getPersonal());
    assertEquals("trust@empresa.example", from.getAddress());
    String body = text(m);
    assertTrue(body.contains("ISO/IEC 27001 Certificate:"), body);
    assertFalse(body.contains("iso-27001-certificate:"), "the title, not the id");
    Matcher x =
        Pattern.compile(
                "http://localhost:\\d+/api/v1/documents/iso-27001-certificate/download\\?lang=en#(\\S+)")
            .matcher(body);
    assertTrue(x.find(), body);
    assertTrue(
        body.contains("enter this one: " + x.group(1)), "the code for the page without JavaScript");
    assertFalse(body.contains("?grant="));

    HttpResponse<String> download =
        http.send(
            HttpRequest.newBuilder(URI.create(x.group().substring(0, x.group().indexOf('#'))))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant="
                            + java.net.URLEncoder.encode(
                                x.group(1), java.nio.charset.StandardCharsets.UTF_8)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, download.statusCode());
    assertEquals("%PDF iso", download.body());
    assertEquals("auto", services.documents().accessRequests().list(null).get(0).decidedBy());
  }

  @Test
  void spanishMailsSpeakUsted() throws Exception {
    start(Map.of());
    assertEquals(202, request("Pat Lee", "pat@partner.example", "es").statusCode());
    assertTrue(mail.waitForIncomingEmail(5000, 1));
    MimeMessage m = mail.getReceivedMessages()[0];
    assertEquals("Copsis: su acceso a los documentos de seguridad", m.getSubject());
    String body = text(m);
    assertTrue(body.contains("Certificado ISO/IEC 27001:"), body);
    for (String tu : new String[] {" tu ", " tus ", "aceptaste", "reenvíes", "Tu acceso"}) {
      assertFalse(body.contains(tu), "no tú: " + tu + " in " + body);
    }
    assertTrue(body.contains("usted aceptó"), body);
  }

  /** Issue 14, item 3: 285 confirmation mails reached one mailbox through +tags. */
  @Test
  void plusTagsAndCaseDoNotMultiplyMailsToOneMailbox() throws Exception {
    start(Map.of("TRUSTED_PROXY_HOPS", "1"));
    for (int i = 0; i < 8; i++) {
      String email = (i % 2 == 0 ? "victim+" + i : "VICTIM+" + i) + "@partner.example";
      assertEquals(202, request("Pat Lee", email, "en").statusCode(), "the answer never tells");
    }
    mail.waitForIncomingEmail(3000, 4);
    assertEquals(
        AccessRequests.PER_MAILBOX.max(),
        mail.getReceivedMessages().length,
        "at most 3 mails a day to one mailbox");
  }

  /**
   * Past the hourly budget of mails to requesters, auto-approval stops and requests wait for an
   * admin.
   */
  @Test
  void pastTheMailBudgetAutoApprovalWaitsForAnAdminInsteadOfMailing() throws Exception {
    start(Map.of());
    RateLimiter limiter = new RateLimiter(services.store(), clock);
    for (int i = 0; i < AccessRequests.GLOBAL_MAIL.max(); i++) {
      assertTrue(limiter.tryAcquire(AccessRequests.GLOBAL_MAIL, "all"));
    }
    assertEquals(202, request("Pat Lee", "pat@partner.example", "en").statusCode());
    assertFalse(mail.waitForIncomingEmail(500, 1));
    assertEquals("pending", services.documents().accessRequests().list(null).get(0).status());
  }

  /** Issue 14, item 8: a multi-line name injected lines into the auto-approval mail. */
  @Test
  void aMultiLineNameIsRefusedAndNothingIsMailed() throws Exception {
    start(Map.of());
    HttpResponse<String> r =
        request("Pat\nClick https://evil.example to download", "pat@partner.example", "en");
    assertEquals(400, r.statusCode());
    assertTrue(r.body().contains("\"field\":\"name\""), r.body());
    for (String bad : new String[] {"Pat\rLee", "Pat\u0007Lee", "Pat\tLee", "Pat\u2028Lee"}) {
      assertEquals(400, request(bad, "pat@partner.example", "en").statusCode(), bad);
    }
    assertEquals(0, services.documents().accessRequests().list(null).size());
    assertFalse(mail.waitForIncomingEmail(500, 1));
  }

  @Test
  void adminsAreToldOfARequestThatWaits() throws Exception {
    start(Map.of("ADMIN_EMAILS", "kate@empresa.example"));
    assertEquals(202, request("Ana García", "ana@cliente.example", "es").statusCode());
    assertTrue(mail.waitForIncomingEmail(5000, 1));
    MimeMessage m = mail.getReceivedMessages()[0];
    assertEquals("kate@empresa.example", m.getAllRecipients()[0].toString());
    assertEquals("Copsis: nueva solicitud de documentos de Partner Ltd", m.getSubject());
    String id = services.documents().accessRequests().list("pending").get(0).id();
    assertTrue(text(m).contains(id), text(m));
    assertTrue(text(m).contains("Certificado ISO/IEC 27001"), text(m));
  }
}
