package dev.trustcenter.site;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.trustcenter.content.Control;
import dev.trustcenter.content.ControlStatus;
import dev.trustcenter.content.Language;
import dev.trustcenter.content.Subprocessor;
import dev.trustcenter.http.Xml;
import dev.trustcenter.i18n.Messages;
import dev.trustcenter.json.Json;
import dev.trustcenter.publicview.PublicSnapshot;
import dev.trustcenter.publicview.ReadyAnswers;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The machine-readable files published with the pages: {@code /trust.json}, the Atom feeds of
 * subprocessor list changes, {@code /sitemap.xml}, {@code /robots.txt} and {@code
 * /.well-known/security.txt}. XML is written with {@link XMLStreamWriter} (which escapes), JSON
 * with the project's Gson; nothing is assembled by concatenating data into markup.
 */
final class MachineFiles {
  static final String SECURITY_TXT = "/.well-known/security.txt";
  private static final String ATOM = "http://www.w3.org/2005/Atom";
  private static final String SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9";
  private static final String XHTML = "http://www.w3.org/1999/xhtml";

  /**
   * security.txt should be refreshed well before it expires (RFC 9116 recommends less than a year).
   */
  static final int SECURITY_TXT_DAYS = 180;

  private final SiteInput input;
  private final PublicSnapshot snapshot;
  private final String base;
  private final Instant now;
  private final Map<Language, Messages> messages;

  /**
   * A page listed in the sitemap, as the part of its path after the language ({@code controls/x/}).
   */
  record PageRef(String rest) {}

  MachineFiles(SiteInput input, String base, Instant now, Map<Language, Messages> messages) {
    this.input = input;
    this.snapshot = input.snapshot();
    this.base = base;
    this.now = now;
    this.messages = messages;
  }

  /** The feed of {@code lang}: Spanish at {@code /feeds/subprocessors.atom}, others beside it. */
  static String feedPath(Language lang) {
    return lang == Language.DEFAULT
        ? "/feeds/subprocessors.atom"
        : "/feeds/subprocessors." + lang.code() + ".atom";
  }

  /**
   * The stored public snapshot with its {@code schemaVersion}, every field as stored (but the
   * {@link ReadyAnswers}, which are the API's, not the snapshot's), plus {@code controlStatus}
   * (each control's status derived at publish time, by the rule the README documents), {@code
   * pages} (the human-readable pages), {@code dataLocation} (where the deployment reported the data
   * to be, when it was read, or {@code null} before the first read; {@code localDevelopment} on a
   * local server) and, when the evidence log is published, {@code evidenceLog} (its verifier key
   * and URLs).
   */
  byte[] trustJson(EvidenceLogView.Info log, DataLocation dataLocation) {
    // The stored members are copied as they are stored (the snapshot's JSON, written compact by
    // the same Gson), not parsed and written again: at 300 controls they are hundreds of KB.
    String raw = input.snapshotJson();
    Map<String, JsonElement> added = added(log, dataLocation);
    StringBuilder out = new StringBuilder(raw.length());
    out.append("{\"schemaVersion\":").append(snapshot.schemaVersion());
    for (StoredJson.Member m : StoredJson.members(raw)) {
      if (!m.name().equals("schemaVersion")
          && !m.name().equals(ReadyAnswers.MEMBER)
          && !added.containsKey(m.name())) {
        out.append(',').append(raw, m.nameStart(), m.end());
      }
    }
    added.forEach(
        (name, value) ->
            out.append(',')
                .append(Json.gson().toJson(name))
                .append(':')
                .append(Json.gson().toJson(value)));
    return out.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The members {@code trust.json} adds to the stored snapshot's, in order. */
  private Map<String, JsonElement> added(EvidenceLogView.Info log, DataLocation dataLocation) {
    Map<String, JsonElement> out = new java.util.LinkedHashMap<>();
    JsonObject status = new JsonObject();
    for (Control c : snapshot.content().controls()) {
      ControlStatus s = ControlStatus.derive(snapshot.checks().get(c.id()), c.periodDays(), now);
      status.add(c.id(), Json.gson().toJsonTree(s));
    }
    out.put("controlStatus", status);
    JsonObject pages = new JsonObject();
    for (Language l : Language.values()) {
      pages.addProperty(l.code(), base + "/" + l.code() + "/");
    }
    out.put("pages", pages);
    out.put("dataLocation", dataLocation(dataLocation));
    out.put("upcomingSubprocessorChanges", upcoming());
    if (log != null) {
      JsonObject evidence = new JsonObject();
      evidence.addProperty("verifierKey", log.verifierKey());
      evidence.addProperty("checkpoint", base + "/log/checkpoint");
      evidence.addProperty("tiles", base + "/log/tile/");
      out.put("evidenceLog", evidence);
    }
    return out;
  }

  /**
   * The company's own subprocessor changes scheduled and not yet applied (GDPR Art. 28), soonest
   * first.
   */
  private JsonElement upcoming() {
    com.google.gson.JsonArray list = new com.google.gson.JsonArray();
    for (UpcomingChange c : input.upcoming()) {
      JsonObject o = new JsonObject();
      o.addProperty("id", c.id());
      o.addProperty("kind", c.kind());
      o.addProperty("subprocessorId", c.subprocessorId());
      o.addProperty("name", c.name());
      o.addProperty("effectiveOn", c.effectiveOn().toString());
      o.addProperty("objectionDeadline", c.objectionDeadline().toString());
      o.add("changed", Json.gson().toJsonTree(c.changed()));
      o.add("purpose", c.purpose() == null ? null : Json.gson().toJsonTree(c.purpose()));
      o.add("dataLocations", Json.gson().toJsonTree(c.dataLocations()));
      o.addProperty("scheduledAt", c.scheduledAt().toString());
      list.add(o);
    }
    return list;
  }

  private static JsonElement dataLocation(DataLocation d) {
    if (d.readAt() == null) {
      return com.google.gson.JsonNull.INSTANCE;
    }
    JsonObject out = new JsonObject();
    out.addProperty("readAt", d.readAt().toString());
    out.addProperty("outcome", d.outcome().name().toLowerCase(java.util.Locale.ROOT));
    out.addProperty("localDevelopment", d.localDevelopment());
    JsonObject locations = new JsonObject();
    d.placesInOrder().forEach(e -> locations.addProperty(e.getKey(), e.getValue()));
    out.add("locations", locations);
    com.google.gson.JsonArray declared = new com.google.gson.JsonArray();
    d.declared().forEach(declared::add);
    out.add("declared", declared);
    return out;
  }

  /**
   * Atom 1.0 (RFC 4287) of the detected changes to the subprocessors' own lists, newest first;
   * valid when empty.
   */
  byte[] atom(Language lang) {
    Messages m = messages.get(lang);
    String company = snapshot.content().profile().companyName();
    String self = base + feedPath(lang);
    return xml(
        w -> {
          w.writeStartElement("feed");
          w.writeDefaultNamespace(ATOM);
          w.writeAttribute("xml", XMLConstants.XML_NS_URI, "lang", lang.code());
          Xml.element(w, "id", self);
          Xml.element(w, "title", m.format("feedTitle", company));
          Xml.element(w, "subtitle", m.format("feedSubtitle", company));
          Xml.element(w, "updated", feedUpdated().toString());
          Xml.link(w, "self", "application/atom+xml", self);
          Xml.link(w, "alternate", "text/html", base + "/" + lang.code() + "/#subprocessors");
          w.writeStartElement("author");
          Xml.element(w, "name", company);
          w.writeEndElement();
          for (UpcomingChange c : input.upcoming()) {
            String page = base + "/" + lang.code() + "/#upcoming-" + c.id();
            String title = m.format(c.titleKey(), c.name());
            w.writeStartElement("entry");
            Xml.element(w, "id", page);
            Xml.element(
                w,
                "title",
                m.format(
                    "feedPlanTitle",
                    company,
                    title,
                    SiteRenderer.date(lang, c.effectiveOn()).text()));
            String at = c.scheduledAt().truncatedTo(ChronoUnit.SECONDS).toString();
            Xml.element(w, "updated", at);
            Xml.element(w, "published", at);
            Xml.link(w, "alternate", "text/html", page);
            w.writeEmptyElement("category");
            w.writeAttribute("term", "planned-" + c.kind());
            StringBuilder text = new StringBuilder(title).append('\n');
            c.details(m).forEach(line -> text.append(line).append('\n'));
            text.append(
                m.format(
                    "feedPlanEffective",
                    SiteRenderer.date(lang, c.effectiveOn()).text(),
                    SiteRenderer.date(lang, c.objectionDeadline()).text()));
            w.writeStartElement("content");
            w.writeAttribute("type", "text");
            w.writeCharacters(Xml.clean(text.toString().strip()));
            w.writeEndElement();
            w.writeEndElement();
          }
          for (VendorListChange c : input.changes()) {
            String vendorName = vendorName(c.vendor());
            String page = base + "/" + lang.code() + "/subprocessors/" + Slugs.of(c.vendor()) + "/";
            w.writeStartElement("entry");
            Xml.element(
                w, "id", page + "#change-" + URLEncoder.encode(c.id(), StandardCharsets.UTF_8));
            Xml.element(
                w,
                "title",
                m.format(
                    "feedEntryTitle", vendorName, SiteRenderer.changeKind(m, c.kind()), c.name()));
            String at = c.detectedAt().truncatedTo(ChronoUnit.SECONDS).toString();
            Xml.element(w, "updated", at);
            Xml.element(w, "published", at);
            Xml.link(w, "alternate", "text/html", page);
            w.writeEmptyElement("category");
            w.writeAttribute("term", c.kind());
            StringBuilder text = new StringBuilder();
            if (!c.group().isBlank()) {
              text.append(m.format("feedEntryGroup", c.group())).append('\n');
            }
            if (!c.activity().isBlank()) {
              text.append(m.format("feedEntryActivity", c.activity())).append('\n');
            }
            if (!c.countries().isEmpty()) {
              text.append(m.format("feedEntryCountries", String.join(", ", c.countries())))
                  .append('\n');
            }
            w.writeStartElement("content");
            w.writeAttribute("type", "text");
            w.writeCharacters(Xml.clean(text.toString().strip()));
            w.writeEndElement();
            w.writeEndElement();
          }
          w.writeEndElement();
        });
  }

  /**
   * Everything {@link #atom} renders {@code lang}'s feed from (besides the messages, which belong
   * to the build): its {@link Fingerprint} is the feed's.
   */
  Object feedInputs(Language lang) {
    Map<String, String> vendorNames = new java.util.TreeMap<>();
    for (VendorListChange c : input.changes()) {
      vendorNames.put(c.vendor(), vendorName(c.vendor()));
    }
    return java.util.Arrays.asList(
        lang.code(),
        base,
        snapshot.content().profile().companyName(),
        feedUpdated(),
        input.upcoming(),
        input.changes(),
        vendorNames);
  }

  /** Everything {@link #sitemap} renders from: its {@link Fingerprint} is the sitemap's. */
  Object sitemapInputs(List<PageRef> pages) {
    return java.util.Arrays.asList(base, sitemapLastmod(), pages);
  }

  private String sitemapLastmod() {
    return LocalDate.ofInstant(snapshot.generatedAt(), ZoneOffset.UTC).toString();
  }

  /**
   * The newest change (detected upstream or scheduled by us), else when content last changed:
   * stable while nothing changes.
   */
  private Instant feedUpdated() {
    Instant t =
        !input.changes().isEmpty()
            ? input.changes().get(0).detectedAt()
            : snapshot.contentUpdatedAt() != null
                ? snapshot.contentUpdatedAt()
                : snapshot.generatedAt();
    for (UpcomingChange c : input.upcoming()) {
      if (c.scheduledAt().isAfter(t)) {
        t = c.scheduledAt();
      }
    }
    return t.truncatedTo(ChronoUnit.SECONDS);
  }

  private String vendorName(String vendor) {
    return snapshot.content().subprocessors().stream()
        .filter(s -> s.id().equals(vendor))
        .map(Subprocessor::name)
        .findFirst()
        .orElse(vendor);
  }

  /** Every page in every language, each with its alternates (sitemaps.org 0.9 with xhtml:link). */
  byte[] sitemap(List<PageRef> pages) {
    String lastmod = sitemapLastmod();
    List<PageRef> all = new java.util.ArrayList<>();
    all.add(new PageRef(""));
    all.addAll(pages);
    return xml(
        w -> {
          w.setPrefix("xhtml", XHTML);
          w.writeStartElement("urlset");
          w.writeDefaultNamespace(SITEMAP);
          w.writeNamespace("xhtml", XHTML);
          for (PageRef page : all) {
            for (Language lang : Language.values()) {
              w.writeStartElement("url");
              Xml.element(w, "loc", base + "/" + lang.code() + "/" + page.rest());
              Xml.element(w, "lastmod", lastmod);
              for (Language alt : Language.values()) {
                w.writeEmptyElement("xhtml", "link", XHTML);
                w.writeAttribute("rel", "alternate");
                w.writeAttribute("hreflang", alt.code());
                w.writeAttribute("href", base + "/" + alt.code() + "/" + page.rest());
              }
              w.writeEndElement();
            }
          }
          w.writeEndElement();
        });
  }

  byte[] robots() {
    return ("User-agent: *\nAllow: /\n\nSitemap: " + base + "/sitemap.xml\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * RFC 9116. {@code Expires} is 180 days after the start of next month (UTC), so it is always at
   * least 180 days away, yet the file only changes once a month: a daily publish of an unchanged
   * site uploads nothing.
   *
   * @param contact an https: URL or mailto: URI already checked by {@link SafeUrls#isHttpsOrMailto}
   */
  byte[] securityTxt(String contact) {
    Instant expires =
        YearMonth.from(now.atZone(ZoneOffset.UTC))
            .plusMonths(1)
            .atDay(1)
            .atStartOfDay(ZoneOffset.UTC)
            .plusDays(SECURITY_TXT_DAYS)
            .toInstant();
    String body =
        "Contact: "
            + contact
            + "\n"
            + "Expires: "
            + expires
            + "\n"
            + "Preferred-Languages: es, en\n"
            + "Canonical: "
            + base
            + SECURITY_TXT
            + "\n";
    return body.getBytes(StandardCharsets.UTF_8);
  }

  // ---- XML helpers

  @FunctionalInterface
  private interface XmlBody {
    void write(XMLStreamWriter w) throws XMLStreamException;
  }

  /**
   * The StAX factory, found once (finding it searches the class path); it is configured once and
   * only creates writers, which every implementation allows from any thread.
   */
  private static final class StaxFactory {
    static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();
  }

  private static byte[] xml(XmlBody body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLStreamWriter w = StaxFactory.FACTORY.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      body.write(w);
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write XML", e);
    }
    out.write('\n');
    return out.toByteArray();
  }
}
