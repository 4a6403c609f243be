package dev.trustcenter.documents;

import dev.trustcenter.content.Language;
import dev.trustcenter.content.Text;
import dev.trustcenter.evidence.EvidenceLog;
import dev.trustcenter.evidence.LogEntry;
import dev.trustcenter.http.ApiException;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The click-through NDA requesters accept: its current text in both languages and version
 * (collection {@value #COLLECTION}, document {@code current}; every version is kept in {@value
 * #VERSIONS} so an acceptance can always be matched with the text it accepted). The first read
 * stores the default text as version 1. A replacement is a new version: requests accepting an older
 * one are refused. Each version, the default one included, is appended to the evidence log ({@link
 * LogEntry#NDA_VERSION}) in the transaction that stores it.
 */
public final class Nda {
  static final String COLLECTION = "nda";
  static final String VERSIONS = "nda-versions";

  /** The default click-through agreement, until an admin replaces it. */
  static final Text DEFAULT_TEXT =
      Text.of(
          """
          Acuerdo de confidencialidad para documentos de seguridad

          Al solicitar acceso a estos documentos, usted acepta, en su nombre y en el de la organización que representa, lo siguiente:

          1. Los documentos que reciba (certificados, informes de auditoría y de pruebas de penetración, políticas y cualquier otro material) son información confidencial de la empresa que los publica.
          2. Los usará únicamente para evaluar la seguridad de sus servicios dentro de una relación comercial existente o prevista con ella.
          3. No los compartirá con terceros, salvo con sus empleados y asesores que necesiten conocerlos para ese fin y estén obligados a una confidencialidad equivalente.
          4. No los publicará, no los copiará de forma masiva y no reenviará los enlaces de descarga, que son personales y caducan.
          5. Cuando deje de necesitarlos, o si la empresa se lo pide, eliminará las copias que conserve, salvo las que la ley le obligue a guardar.
          6. Esta obligación dura tres años desde la última descarga. No cubre la información que ya fuera pública o que usted obtenga legítimamente de otra fuente.

          Quedará constancia de su aceptación: la versión de este texto, la fecha y hora, su dirección IP, su navegador y el nombre que escriba.""",
          """
          Confidentiality agreement for security documents

          By requesting access to these documents you agree, for yourself and for the organization you represent, that:

          1. The documents you receive (certificates, audit and penetration test reports, policies and any other material) are confidential information of the company that publishes them.
          2. You will use them only to assess the security of its services within an existing or planned business relationship with it.
          3. You will not share them with third parties, except with your employees and advisers who need them for that purpose and are bound by equivalent confidentiality.
          4. You will not publish them, copy them in bulk or forward the download links, which are personal and expire.
          5. When you no longer need them, or the company asks you to, you will delete the copies you keep, except those the law requires you to retain.
          6. This obligation lasts three years from your last download. It does not cover information that was already public or that you obtain lawfully from another source.

          Your acceptance is recorded: the version of this text, the date and time, your IP address, your browser and the name you type.""");

  private final DocumentStore store;
  private final Clock clock;

  /**
   * One version of the NDA.
   *
   * @param sha256 the SHA-256 (hex) of the text in each language, as shown to the requester
   */
  public record Version(int version, Text text, Text sha256, Instant createdAt, String createdBy) {
    public Version {
      Objects.requireNonNull(text, "text");
    }

    /** The hash of the text shown in {@code lang}. */
    public String sha256(Language lang) {
      return sha256.in(lang);
    }
  }

  public Nda(DocumentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The version in force; stores the default text as version 1 on first use. */
  public Version current() {
    return store
        .get(COLLECTION, "current")
        .map(d -> Json.read(d.json(), Version.class))
        .orElseGet(this::seed);
  }

  private Version seed() {
    Version v = version(1, DEFAULT_TEXT, clock.instant(), "default");
    store.transaction(
        tx -> {
          if (tx.get(COLLECTION, "current").isEmpty()) {
            EvidenceLog.Appender evidence = new EvidenceLog(store).begin(tx);
            tx.put(VERSIONS, "1", Json.write(v));
            tx.put(COLLECTION, "current", Json.write(v));
            evidence.append(logEntry(v));
          }
          return null;
        });
    return store
        .get(COLLECTION, "current")
        .map(d -> Json.read(d.json(), Version.class))
        .orElseThrow();
  }

  /**
   * Publishes a new text as the next version.
   *
   * @throws ApiException 400 when a language is blank or too long
   */
  public Version replace(Text text, String admin) {
    if (text == null
        || text.es().isBlank()
        || text.en().isBlank()
        || text.es().length() > 20_000
        || text.en().length() > 20_000) {
      throw ApiException.badRequest(
          "invalid", "the NDA needs a text in es and en, each at most 20000 characters");
    }
    current();
    Instant now = clock.instant();
    return store.transaction(
        tx -> {
          Version cur =
              Json.read(tx.get(COLLECTION, "current").orElseThrow().json(), Version.class);
          Version next = version(cur.version() + 1, text, now, admin);
          EvidenceLog.Appender evidence = new EvidenceLog(store).begin(tx);
          tx.put(VERSIONS, Integer.toString(next.version()), Json.write(next));
          tx.put(COLLECTION, "current", Json.write(next));
          evidence.append(logEntry(next));
          return next;
        });
  }

  /**
   * The version in force as stored, read inside {@code tx}; empty before the first read stored the
   * default (whose text is {@link #defaultText()}).
   */
  public static java.util.Optional<Version> stored(DocumentStore.Transaction tx) {
    return tx.get(COLLECTION, "current").map(d -> Json.read(d.json(), Version.class));
  }

  /** The text in force until an admin replaces it. */
  public static Text defaultText() {
    return DEFAULT_TEXT;
  }

  /**
   * Inside a caller's transaction (the bundle import): publishes {@code text} as the version after
   * {@code current} (version 1 when none is stored), with its evidence log entry. {@code evidence}
   * was begun in the same transaction before its first write.
   */
  public static Version publishIn(
      DocumentStore.Transaction tx,
      EvidenceLog.Appender evidence,
      java.util.Optional<Version> current,
      Text text,
      Instant now,
      String admin) {
    Version next = version(current.map(Version::version).orElse(0) + 1, text, now, admin);
    tx.put(VERSIONS, Integer.toString(next.version()), Json.write(next));
    tx.put(COLLECTION, "current", Json.write(next));
    evidence.append(logEntry(next));
    return next;
  }

  private static Version version(int n, Text text, Instant at, String by) {
    return new Version(
        n, text, Text.of(Secrets.sha256Hex(text.es()), Secrets.sha256Hex(text.en())), at, by);
  }

  /**
   * An NDA version as the evidence log holds it: the version and the SHA-256 of the text shown in
   * each language (the hashes a requester's acceptance records), never who published it.
   */
  static LogEntry logEntry(Version v) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("version", v.version());
    data.put("sha256", Map.of("es", v.sha256(Language.ES), "en", v.sha256(Language.EN)));
    return new LogEntry(LogEntry.NDA_VERSION, v.createdAt(), "nda", data);
  }
}
