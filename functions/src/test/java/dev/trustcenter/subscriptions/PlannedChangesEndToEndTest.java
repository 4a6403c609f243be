package dev.trustcenter.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.trustcenter.app.Services;
import dev.trustcenter.audit.AuditLog;
import dev.trustcenter.content.ContentRepository;
import dev.trustcenter.content.Subprocessor;
import dev.trustcenter.json.Json;
import dev.trustcenter.site.NuHtmlCheckTest;
import dev.trustcenter.site.SiteInputs;
import dev.trustcenter.site.UpcomingChange;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.Stamps;
import dev.trustcenter.testing.IntegrationTest;
import dev.trustcenter.testing.LocalServerFixture;
import dev.trustcenter.testing.MutableClock;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import nu.validator.client.EmbeddedValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * GDPR Art. 28 end to end on the local server with a real SMTP server (GreenMail) and a fixed
 * clock: an admin schedules a change, subscribers get a notice with both signed links and an
 * iCalendar event, a GET records nothing, a POST objection is recorded and receipted, the admin
 * lists and answers it, the change applies past its effective day and a withdrawn one does not.
 */
@IntegrationTest
class PlannedChangesEndToEndTest {
  static final String DEV_TOKEN = LocalServerFixture.DEV_TOKEN;

  @RegisterExtension
  static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  @TempDir Path dir;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  LocalServerFixture server;
  Services services;
  HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeEach
  void start() throws Exception {
    Map<String, String> env = new HashMap<>(LocalServerFixture.smtp(mail.getSmtp().getPort()));
    env.put("SUBPROCESSOR_NOTICE_DAYS", "30");
    server = LocalServerFixture.start(dir, env, clock);
    services = server.services();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  URI url(String path) {
    return URI.create("http://localhost:" + server.port() + path);
  }

  HttpResponse<String> admin(String method, String path, String json) throws Exception {
    return send(
        HttpRequest.newBuilder(url("/admin" + path))
            .header("Authorization", "Bearer " + DEV_TOKEN)
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpResponse<String> deliverNotices() throws Exception {
    return send(
        HttpRequest.newBuilder(url("/tasks/deliver-notices"))
            .header("Authorization", "Bearer " + DEV_TOKEN)
            .POST(HttpRequest.BodyPublishers.noBody()));
  }

  void subscribed(String email, String lang) throws Exception {
    mail.purgeEmailFromAllMailboxes();
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(url("/api/v1/subscriptions"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\""
                            + email
                            + "\",\"language\":\""
                            + lang
                            + "\",\"topics\":[\"subprocessors\"]}")));
    assertEquals(202, r.statusCode(), r.body());
    assertTrue(mail.waitForIncomingEmail(5000, 1));
    String confirm = link(text(mail.getReceivedMessages()[0]), "confirm");
    assertEquals(200, send(HttpRequest.newBuilder(URI.create(confirm))).statusCode());
    mail.purgeEmailFromAllMailboxes();
  }

  /** The plain-text body (of a multipart mail, its first part), with SMTP's CRLF as LF. */
  static String text(MimeMessage m) throws Exception {
    Object c = m.getContent();
    String s = c instanceof Multipart mp ? (String) mp.getBodyPart(0).getContent() : (String) c;
    return s.replace("\r\n", "\n");
  }

  static String link(String text, String kind) {
    Matcher x =
        Pattern.compile("http://localhost:\\d+/api/v1/subscriptions/" + kind + "\\?token=\\S+")
            .matcher(text);
    assertTrue(x.find(), "a " + kind + " link in: " + text);
    return x.group();
  }

  static MimeMessage to(MimeMessage[] messages, String address) throws Exception {
    for (MimeMessage m : messages) {
      if (m.getAllRecipients()[0].toString().equals(address)) {
        return m;
      }
    }
    throw new AssertionError("no mail to " + address);
  }

  JsonObject json(HttpResponse<String> r) {
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  Optional<Subprocessor> subprocessor(String id) {
    return services
        .store()
        .get(ContentRepository.SUBPROCESSORS, id)
        .map(d -> Json.read(d.json(), Subprocessor.class));
  }

  // ---- the console, as a browser without JavaScript uses it (session and CSRF cookies)

  final Map<String, String> cookies = new java.util.LinkedHashMap<>();

  HttpResponse<String> console(String method, String path, Map<String, String> form)
      throws Exception {
    StringBuilder body = new StringBuilder();
    if (form != null) {
      form.forEach(
          (k, v) ->
              body.append(body.isEmpty() ? "" : "&")
                  .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                  .append('=')
                  .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(url(path))
            .header("Accept-Language", "es")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    if (!cookies.isEmpty()) {
      StringBuilder c = new StringBuilder();
      cookies.forEach((k, v) -> c.append(c.isEmpty() ? "" : "; ").append(k).append('=').append(v));
      b.header("Cookie", c.toString());
    }
    HttpResponse<String> r = send(b);
    for (String set : r.headers().allValues("Set-Cookie")) {
      String pair = set.split(";")[0];
      int eq = pair.indexOf('=');
      cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return r;
  }

  static String csrf(String html) {
    Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(html);
    assertTrue(m.find(), html);
    return m.group(1);
  }

  String consoleSignIn() throws Exception {
    String form = console("GET", "/admin/sign-in", null).body();
    HttpResponse<String> r =
        console("POST", "/admin/sign-in", Map.of("csrf", csrf(form), "token", DEV_TOKEN));
    assertEquals(303, r.statusCode(), r.body());
    return csrf(console("GET", "/admin/", null).body());
  }

  static String addStripe(LocalDate on) {
    return "{\"kind\":\"add\",\"subprocessorId\":\"stripe\",\"effectiveOn\":\""
        + on
        + "\",\"name\":\"Stripe\",\"purpose\":{\"es\":\"Cobros con tarjeta.\",\"en\":\"Card"
        + " payments.\"},\"dataLocations\":[{\"es\":\"Irlanda\",\"en\":\"Ireland\"}]}";
  }

  @Test
  void scheduleNotifyObjectAnswerAndApplyOnTheEffectiveDay() throws Exception {
    subscribed("ana@cliente.example", "es");
    subscribed("bob@client.example", "en");
    LocalDate effective = LocalDate.parse("2026-04-01"); // 30 days after 2026-03-02

    HttpResponse<String> created = admin("POST", "/v1/subprocessor-changes", addStripe(effective));
    assertEquals(201, created.statusCode(), created.body());
    String id = json(created).get("id").getAsString();
    assertTrue(id.matches("spc-20260401-[0-9a-f]{8}"), id);
    assertEquals("/v1/subprocessor-changes/" + id, created.headers().firstValue("Location").get());
    // Every write of a plan gives the plans a new stamp: the publisher lists them again only then.
    String stamp = Stamps.read(services.store(), PlannedChanges.COLLECTION).orElseThrow();
    // Published at once as upcoming: the site's input (page, feeds, trust.json) holds it.
    assertEquals(
        List.of(id),
        SiteInputs.read(services.store()).upcoming().stream().map(UpcomingChange::id).toList());

    // The notice goes through the outbox: the deliver-notices task sends one mail per subscriber.
    HttpResponse<String> delivered = deliverNotices();
    assertEquals(200, delivered.statusCode(), delivered.body());
    assertTrue(mail.waitForIncomingEmail(5000, 2));
    MimeMessage[] notices = mail.getReceivedMessages();
    assertEquals(2, notices.length);
    MimeMessage es = to(notices, "ana@cliente.example");
    MimeMessage en = to(notices, "bob@client.example");
    assertTrue(
        es.getSubject().endsWith(": cambio previsto de subprocesadores, Incorporación de Stripe"),
        es.getSubject());
    assertTrue(
        en.getSubject().endsWith(": planned subprocessor change, Addition of Stripe"),
        en.getSubject());
    String esText = text(es);
    assertTrue(esText.contains("Fecha de efecto: 1 de abril de 2026."), esText);
    assertTrue(esText.contains("Puede oponerse hasta el 31 de marzo de 2026, inclusive."), esText);
    assertTrue(esText.contains("Ubicación de los datos: Irlanda"), esText);
    String enText = text(en);
    assertTrue(enText.contains("Effective date: April 1, 2026."), enText);
    String objectLink = link(esText, "changes/object");
    String acknowledgeLink = link(enText, "changes/acknowledge");
    link(esText, "changes/acknowledge");
    link(enText, "changes/object");
    assertNotNull(es.getHeader("List-Unsubscribe", null));

    // The .ics, parsed back with ical4j: an all-day event on the effective day.
    Multipart parts = (Multipart) es.getContent();
    assertEquals(2, parts.getCount());
    Part ics = parts.getBodyPart(1);
    assertEquals("subprocessor-change.ics", ics.getFileName());
    assertTrue(ics.getContentType().startsWith("text/calendar"), ics.getContentType());
    Calendar cal =
        new CalendarBuilder().build(new ByteArrayInputStream(ics.getInputStream().readAllBytes()));
    assertEquals("PUBLISH", cal.getProperty(Property.METHOD).orElseThrow().getValue());
    VEvent event = (VEvent) cal.getComponent("VEVENT").orElseThrow();
    assertEquals("20260401", event.getProperty(Property.DTSTART).orElseThrow().getValue());
    assertEquals("20260402", event.getProperty(Property.DTEND).orElseThrow().getValue());
    assertEquals(id + "@localhost", event.getProperty(Property.UID).orElseThrow().getValue());
    assertTrue(
        event.getProperty(Property.SUMMARY).orElseThrow().getValue().contains("Stripe"),
        event.getProperty(Property.SUMMARY).orElseThrow().getValue());

    // A GET (what a mail scanner does) shows a page with a button and records nothing.
    mail.purgeEmailFromAllMailboxes();
    HttpResponse<String> page =
        send(HttpRequest.newBuilder(URI.create(objectLink)).header("Accept", "text/html"));
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Oponerse a un cambio de subprocesadores"), page.body());
    assertTrue(page.body().contains("<form class=\"form\" method=\"post\""), page.body());
    assertTrue(page.body().contains("name=\"reason\""), page.body());
    EmbeddedValidator nu = new EmbeddedValidator();
    nu.setOutputFormat(EmbeddedValidator.OutputFormat.JSON);
    assertEquals(
        List.of(),
        NuHtmlCheckTest.errors(nu, page.body().getBytes(StandardCharsets.UTF_8)),
        "Nu HTML Checker errors on the objection page");
    HttpResponse<String> ackPage =
        send(HttpRequest.newBuilder(URI.create(acknowledgeLink)).header("Accept", "text/html"));
    assertEquals(200, ackPage.statusCode());
    assertEquals(
        List.of(),
        NuHtmlCheckTest.errors(nu, ackPage.body().getBytes(StandardCharsets.UTF_8)),
        "Nu HTML Checker errors on the acknowledgement page");
    JsonObject detail = json(admin("GET", "/v1/subprocessor-changes/" + id, null));
    assertEquals(0, detail.getAsJsonArray("answers").size(), "a GET records nothing");
    assertEquals(0, mail.getReceivedMessages().length);

    // The POST records the objection for the subscriber the link names, and mails a receipt.
    HttpResponse<String> objected =
        send(
            HttpRequest.newBuilder(URI.create(objectLink))
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "reason="
                            + URLEncoder.encode(
                                "Nuestros datos no deben salir del EEE.\r\nGracias.",
                                StandardCharsets.UTF_8))));
    assertEquals(200, objected.statusCode(), objected.body());
    assertTrue(objected.body().contains("Oposición registrada"), objected.body());
    assertEquals(
        List.of(),
        NuHtmlCheckTest.errors(nu, objected.body().getBytes(StandardCharsets.UTF_8)),
        "Nu HTML Checker errors on the objection's result page");
    assertTrue(mail.waitForIncomingEmail(5000, 1));
    MimeMessage receipt = mail.getReceivedMessages()[0];
    assertEquals("ana@cliente.example", receipt.getAllRecipients()[0].toString());
    assertTrue(receipt.getSubject().contains("hemos recibido su oposición"), receipt.getSubject());
    String receiptText = text(receipt);
    assertTrue(
        receiptText.contains("Nuestros datos no deben salir del EEE.\nGracias."), receiptText);
    assertTrue(receiptText.contains("2 de marzo de 2026"), receiptText);

    // An API client acknowledges with JSON.
    HttpResponse<String> acknowledged =
        send(
            HttpRequest.newBuilder(URI.create(acknowledgeLink))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertEquals(200, acknowledged.statusCode(), acknowledged.body());
    assertEquals("acknowledged", json(acknowledged).get("answer").getAsString());

    // A forged link records nothing.
    assertEquals(
        400,
        send(HttpRequest.newBuilder(URI.create(objectLink.replaceAll(".$", "x")))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")))
            .statusCode());

    // The admin lists the change with its counts, and each answer.
    JsonObject list = json(admin("GET", "/v1/subprocessor-changes", null));
    assertEquals(30, list.get("noticeDays").getAsInt());
    JsonObject item = list.getAsJsonArray("items").get(0).getAsJsonObject();
    assertEquals(id, item.getAsJsonObject("change").get("id").getAsString());
    assertEquals(1, item.get("acknowledged").getAsInt());
    assertEquals(1, item.get("objected").getAsInt());
    JsonArray answers =
        json(admin("GET", "/v1/subprocessor-changes/" + id, null)).getAsJsonArray("answers");
    assertEquals(2, answers.size());
    JsonObject objection = null;
    for (var a : answers) {
      if (a.getAsJsonObject().get("kind").getAsString().equals("objected")) {
        objection = a.getAsJsonObject();
      }
    }
    assertNotNull(objection);
    assertEquals("ana@cliente.example", objection.get("email").getAsString());
    assertEquals("2026-03-02T10:00:00Z", objection.get("at").getAsString());

    // The console lists the change, its counts and the objection with its reason.
    String token = consoleSignIn();
    HttpResponse<String> consolePage = console("GET", "/admin/subprocessor-changes", null);
    assertEquals(200, consolePage.statusCode(), consolePage.body());
    org.jsoup.nodes.Element card =
        org.jsoup.Jsoup.parse(consolePage.body()).getElementById("change-" + id);
    assertNotNull(card, consolePage.body());
    String cardText = card.text();
    assertTrue(cardText.contains("Incorporación de Stripe"), cardText);
    assertTrue(cardText.contains("Oposiciones 1"), cardText);
    assertTrue(cardText.contains("Confirmaciones de recepción 1"), cardText);
    assertTrue(cardText.contains("ana@cliente.example"), cardText);
    assertTrue(cardText.contains("Nuestros datos no deben salir del EEE."), cardText);
    assertNotNull(card.selectFirst("form[action$=/reply] textarea[name=text]"));
    assertNotNull(card.selectFirst("form[action$=/withdraw]"));
    // Its schedule form refuses a day too early with the API's message, and stores nothing.
    HttpResponse<String> tooEarly =
        console(
            "POST",
            "/admin/subprocessor-changes",
            Map.of(
                "csrf", token,
                "kind", "remove",
                "subprocessorId", "google-cloud",
                "effectiveOn", "2026-03-20"));
    assertEquals(400, tooEarly.statusCode());
    assertTrue(tooEarly.body().contains("must be at least 30 days ahead"), tooEarly.body());
    assertEquals(1, services.store().list(PlannedChanges.COLLECTION, Range.all()).size());

    // The admin answers the objection: the answer is mailed to the subscriber in Spanish.
    mail.purgeEmailFromAllMailboxes();
    HttpResponse<String> replied =
        admin(
            "POST",
            "/v1/subprocessor-changes/"
                + id
                + "/objections/"
                + objection.get("subscriberId").getAsString()
                + "/reply",
            "{\"text\":\"Stripe tratará los datos en Irlanda.\\nUn saludo.\"}");
    assertEquals(200, replied.statusCode(), replied.body());
    assertTrue(mail.waitForIncomingEmail(5000, 1));
    MimeMessage reply = mail.getReceivedMessages()[0];
    assertTrue(reply.getSubject().contains("respuesta a su oposición"), reply.getSubject());
    assertTrue(text(reply).contains("Stripe tratará los datos en Irlanda.\nUn saludo."));

    // A second change, withdrawn before its day, never applies.
    HttpResponse<String> second =
        admin(
            "POST",
            "/v1/subprocessor-changes",
            "{\"kind\":\"change\",\"subprocessorId\":\"cloudflare\",\"effectiveOn\":\""
                + effective
                + "\",\"dataLocations\":[{\"es\":\"Estados Unidos\",\"en\":\"United States\"}]}");
    assertEquals(201, second.statusCode(), second.body());
    String secondId = json(second).get("id").getAsString();
    // Withdrawn from the console's form.
    HttpResponse<String> withdrawn =
        console(
            "POST",
            "/admin/subprocessor-changes/" + secondId + "/withdraw",
            Map.of("csrf", token, "reason", "El proveedor mantiene la región europea."));
    assertEquals(200, withdrawn.statusCode(), withdrawn.body());
    assertTrue(withdrawn.body().contains("El cambio se ha retirado"), withdrawn.body());
    assertEquals(
        "withdrawn",
        json(admin("GET", "/v1/subprocessor-changes/" + secondId, null))
            .getAsJsonObject("change")
            .get("status")
            .getAsString());

    // The day before: nothing applies.
    clock.advance(Duration.ofDays(29).plusHours(13)); // 2026-03-31T23:00Z
    assertEquals(200, deliverNotices().statusCode());
    assertTrue(subprocessor("stripe").isEmpty());

    // Past the effective day the scheduled step applies the change; the withdrawn one stays out.
    clock.advance(Duration.ofHours(2)); // 2026-04-01T01:00Z
    HttpResponse<String> applied = deliverNotices();
    assertEquals(200, applied.statusCode(), applied.body());
    assertTrue(applied.body().contains("\"status\":\"applied\""), applied.body());
    assertNotEquals(stamp, Stamps.read(services.store(), PlannedChanges.COLLECTION).orElseThrow());
    Subprocessor stripe = subprocessor("stripe").orElseThrow();
    assertEquals("Card payments.", stripe.purpose().en());
    assertEquals("Ireland", stripe.dataLocations().get(0).en());
    assertTrue(subprocessor("cloudflare").orElseThrow().dataLocations().isEmpty());
    assertTrue(SiteInputs.read(services.store()).upcoming().isEmpty(), "none is upcoming now");
    assertTrue(
        send(HttpRequest.newBuilder(url("/api/v1/subprocessors?lang=en")))
            .body()
            .contains("Stripe"),
        "the public API shows the applied change");
    assertEquals(
        "applied",
        json(admin("GET", "/v1/subprocessor-changes/" + id, null))
            .getAsJsonObject("change")
            .get("status")
            .getAsString());
    assertEquals(
        "withdrawn",
        json(admin("GET", "/v1/subprocessor-changes/" + secondId, null))
            .getAsJsonObject("change")
            .get("status")
            .getAsString());

    // Answers are closed now; the audit log holds every step.
    assertEquals(
        409,
        send(HttpRequest.newBuilder(URI.create(acknowledgeLink))
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")))
            .statusCode());
    String audit =
        String.join(
            "\n",
            services.store().list(AuditLog.COLLECTION, Range.all()).stream()
                .map(d -> d.json())
                .filter(j -> j.contains(PlannedChanges.AUDIT_KIND))
                .toList());
    for (String outcome :
        new String[] {"scheduled", "objected", "acknowledged", "replied", "withdrawn", "applied"}) {
      assertTrue(audit.contains("\"outcome\":\"" + outcome + "\""), outcome + " in " + audit);
    }
    assertFalse(audit.contains("EEE"), "the audit log keeps digests, not what was written");
  }

  @Test
  void aDayTooEarlyIsRefusedNamingTheFieldAndNothingIsStored() throws Exception {
    HttpResponse<String> early =
        admin("POST", "/v1/subprocessor-changes", addStripe(LocalDate.parse("2026-03-31")));
    assertEquals(400, early.statusCode(), early.body());
    JsonObject error = json(early).getAsJsonObject("error");
    assertEquals("invalid", error.get("code").getAsString());
    assertTrue(
        error.get("message").getAsString().contains("effectiveOn must be at least 30 days ahead"),
        error.toString());
    assertTrue(error.get("message").getAsString().contains("2026-04-01 or later"));

    HttpResponse<String> bad =
        admin(
            "POST",
            "/v1/subprocessor-changes",
            "{\"kind\":\"rename\",\"subprocessorId\":\"Not A Slug\",\"effectiveOn\":\"soon\","
                + "\"color\":\"red\"}");
    assertEquals(400, bad.statusCode());
    String message = json(bad).getAsJsonObject("error").get("message").getAsString();
    for (String field : new String[] {"kind", "subprocessorId", "effectiveOn", "color"}) {
      assertTrue(message.contains(field), field + " in " + message);
    }
    HttpResponse<String> removeUnknown =
        admin(
            "POST",
            "/v1/subprocessor-changes",
            "{\"kind\":\"remove\",\"subprocessorId\":\"nobody\",\"effectiveOn\":\"2026-05-01\"}");
    assertEquals(400, removeUnknown.statusCode());
    assertTrue(removeUnknown.body().contains("is not a current subprocessor"));
    HttpResponse<String> sameAgain =
        admin(
            "POST",
            "/v1/subprocessor-changes",
            "{\"kind\":\"change\",\"subprocessorId\":\"cloudflare\",\"effectiveOn\":\"2026-05-01\","
                + "\"dataLocations\":[]}");
    assertEquals(400, sameAgain.statusCode());
    assertTrue(sameAgain.body().contains("nothing would change"), sameAgain.body());

    assertTrue(services.store().list(PlannedChanges.COLLECTION, Range.all()).isEmpty());
    assertEquals(
        0, json(admin("GET", "/v1/subprocessor-changes", null)).getAsJsonArray("items").size());
    assertEquals(
        0,
        services.store().list(AuditLog.COLLECTION, Range.all()).stream()
            .filter(d -> d.json().contains(PlannedChanges.AUDIT_KIND))
            .count());
  }
}
