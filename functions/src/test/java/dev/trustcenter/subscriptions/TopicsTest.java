package dev.trustcenter.subscriptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Content;
import dev.trustcenter.content.Control;
import dev.trustcenter.content.Resource;
import dev.trustcenter.content.Seed;
import dev.trustcenter.documents.DocumentLibrary;
import dev.trustcenter.documents.GatedDocument;
import dev.trustcenter.filestore.FileDocumentStore;
import dev.trustcenter.json.Json;
import dev.trustcenter.notices.OutgoingMail;
import dev.trustcenter.publicview.SnapshotWriter;
import dev.trustcenter.publicview.Snapshots;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.testing.MutableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the {@code controls} and {@code documents} topics were offered but a failing control
 * and a new document sent nothing. Now a control that starts failing or recovers is told in at most
 * one digest a day per subscriber, and a document added or replaced is told, in the subscriber's
 * language, through the outbox.
 */
class TopicsTest {
  static final URI BASE = URI.create("https://trust.example.com/api");
  @TempDir Path dir;
  DocumentStore store;
  MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
  List<OutgoingMail> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
  ChangeNotifier notifier;
  Content content;

  @BeforeEach
  void open() {
    store = FileDocumentStore.open(dir);
    content = Seed.load();
    new SnapshotWriter(365).seedIfEmpty(store, content, clock.instant());
    Subscriptions subscriptions =
        new Subscriptions(
            store,
            new SubscriptionTokens(store, clock),
            null,
            sent::add,
            (a, b, c, d, e) -> {},
            clock);
    notifier =
        new ChangeNotifier(
            store,
            sent::add,
            null,
            subscriptions,
            BASE,
            Map.of(),
            () -> new ChangeNotifier.CompanyInfo("Empresa Ejemplo S.L.", null),
            clock);
    for (String[] s :
        List.of(
            new String[] {"ana@cliente.example", "es"},
            new String[] {"bob@client.example", "en"})) {
      Subscriber sub =
          new Subscriber(
              Subscriptions.idOf(s[0]),
              s[0],
              Subscriber.CONFIRMED,
              s[1],
              List.of("controls", "documents"),
              null,
              null,
              clock.instant(),
              clock.instant(),
              null,
              null);
      store.createIfAbsent(Subscriptions.COLLECTION, sub.id(), Json.write(sub));
    }
  }

  @AfterEach
  void close() {
    store.close();
  }

  void checked(String controlId, CheckOutcome outcome) {
    store.transaction(
        tx -> {
          CheckSummary before =
              tx.get(Snapshots.CHECK_SUMMARIES, controlId)
                  .map(d -> Json.read(d.json(), CheckSummary.class))
                  .orElse(null);
          tx.put(
              Snapshots.CHECK_SUMMARIES,
              controlId,
              Json.write(CheckSummary.after(before, outcome, clock.instant())));
          return null;
        });
  }

  void uploaded(String id, String resourceId, String sha) {
    store.transaction(
        tx -> {
          tx.put(
              DocumentLibrary.COLLECTION,
              id,
              Json.write(
                  new GatedDocument(
                      id,
                      resourceId,
                      id + ".pdf",
                      "application/pdf",
                      10,
                      sha,
                      1,
                      id + "/" + sha,
                      clock.instant(),
                      "admin@empresa.example")));
          return null;
        });
  }

  OutgoingMail to(String address) {
    List<OutgoingMail> m = sent.stream().filter(x -> x.to().equals(address)).toList();
    assertEquals(1, m.size(), "one mail to " + address + ": " + sent);
    return m.get(0);
  }

  @Test
  void aFailingControlAndItsRecoveryGoOutAsAtMostOneDigestADay() {
    Control a = content.controls().get(0);
    Control b = content.controls().get(1);
    checked(a.id(), CheckOutcome.PASSING);
    checked(b.id(), CheckOutcome.PASSING);
    notifier.drain(Duration.ofMinutes(1));
    assertEquals(List.of(), sent, "the first look only records what it sees");

    clock.advance(Duration.ofHours(1));
    checked(a.id(), CheckOutcome.FAILING);
    notifier.drain(Duration.ofMinutes(1));
    OutgoingMail es = to("ana@cliente.example");
    assertEquals("Empresa Ejemplo S.L.: cambios de estado de los controles", es.subject());
    assertEquals("Empresa Ejemplo S.L.", es.senderName());
    assertTrue(
        es.text().contains("- " + a.title().es() + ": Empezó a fallar el 2 de marzo de 2026"),
        es.text());
    assertTrue(es.text().contains("https://trust.example.com/es/"), es.text());
    OutgoingMail en = to("bob@client.example");
    assertTrue(
        en.text().contains("- " + a.title().en() + ": Started failing on March 2, 2026"),
        en.text());
    sent.clear();

    clock.advance(Duration.ofHours(1));
    checked(b.id(), CheckOutcome.FAILING);
    clock.advance(Duration.ofHours(1));
    checked(a.id(), CheckOutcome.PASSING);
    notifier.drain(Duration.ofMinutes(1));
    assertEquals(List.of(), sent, "a second digest the same day waits");

    clock.advance(Duration.ofHours(22));
    notifier.drain(Duration.ofMinutes(1));
    String digest = to("ana@cliente.example").text();
    assertTrue(digest.contains(b.title().es() + ": Empezó a fallar"), digest);
    assertTrue(
        digest.contains(a.title().es() + ": Vuelve a superarse desde el 2 de marzo de 2026"),
        digest);
    assertEquals(2, sent.size());
  }

  @Test
  void aDocumentAddedOrReplacedIsToldWithItsTitle() {
    Resource r = content.resources().get(0);
    notifier.drain(Duration.ofMinutes(1));
    uploaded("pentest-2026", r.id(), "a".repeat(64));
    notifier.drain(Duration.ofMinutes(1));
    OutgoingMail es = to("ana@cliente.example");
    assertEquals("Empresa Ejemplo S.L.: documentos de seguridad actualizados", es.subject());
    assertTrue(
        es.text().contains("- " + r.title().es() + ": Documento nuevo, 2 de marzo de 2026"),
        es.text());
    assertTrue(
        to("bob@client.example")
            .text()
            .contains("- " + r.title().en() + ": New document, March 2, 2026"));
    sent.clear();

    notifier.drain(Duration.ofMinutes(1));
    assertEquals(List.of(), sent, "told once");
    clock.advance(Duration.ofDays(3));
    uploaded("pentest-2026", r.id(), "b".repeat(64));
    notifier.drain(Duration.ofMinutes(1));
    assertTrue(to("ana@cliente.example").text().contains("Nueva versión, 5 de marzo de 2026"));
  }

  @Test
  void theSpanishSubprocessorNoticeUsesUstedAndNamesTheGroupInSpanish() {
    SubprocessorChangeEvent e =
        new SubprocessorChangeEvent(
            "google-cloud",
            SubprocessorChangeEvent.ChangeKind.ADDED,
            "Vendor",
            Map.of("group", "Google LLC", "countries", "EE. UU."),
            clock.instant(),
            "gcp-x");
    OutgoingMail m =
        Notices.subprocessorChanges(
            "ana@cliente.example",
            dev.trustcenter.content.Language.ES,
            new Notices.Company("Empresa Ejemplo S.L.", "mailto:seguridad@empresa.example"),
            new Notices.Vendor(
                "Google Cloud", URI.create("https://cloud.google.com/terms/subprocessors"), 30),
            List.of(e),
            URI.create("https://trust.example.com/api/v1/subscriptions/unsubscribe?token=x"),
            clock.instant().plus(java.time.Duration.ofDays(12)));
    assertFalse(m.text().contains("group:"), m.text());
    assertTrue(
        m.text().contains("Google Cloud anuncia")
            && m.text().contains("quedan como máximo 18 días de ese preaviso"),
        m.text());
    assertTrue(m.text().contains("servicio o grupo: Google LLC"), m.text());
    assertTrue(
        m.text().contains("Si se opone a este cambio, comuníquenoslo")
            && m.text().contains("escriba a seguridad@empresa.example"),
        m.text());
    assertFalse(
        m.text().matches("(?s).*\\b(te|tu|escribe|responde|dínoslo)\\b.*"), "no tú: " + m.text());
    assertEquals("Empresa Ejemplo S.L.: cambios de subprocesadores en Google Cloud", m.subject());
  }
}
