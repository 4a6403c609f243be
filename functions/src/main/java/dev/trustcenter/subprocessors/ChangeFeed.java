package dev.trustcenter.subprocessors;

import dev.trustcenter.content.Language;
import dev.trustcenter.http.Xml;
import dev.trustcenter.i18n.Messages;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes change events as an Atom 1.0 feed (RFC 4287), in Spanish or English. Built with a StAX
 * writer, which escapes every text and attribute; characters XML 1.0 cannot carry at all are
 * dropped first, because vendor pages are untrusted text. Entry ids are tag URIs ({@code
 * tag:<host>,2026:subprocessor-change/<event id>}), so they never change once published; each
 * language has its own feed and entry ids (RFC 4287 §4.2.6: an entry in another language is another
 * entry), Spanish without a suffix as first published, other languages with {@code /<lang>}
 * appended.
 */
final class ChangeFeed {
  static final String ATOM = "http://www.w3.org/2005/Atom";
  static final String CONTENT_TYPE = "application/atom+xml; charset=utf-8";
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private ChangeFeed() {}

  /**
   * What the feed says about itself.
   *
   * @param tagAuthority the host in tag URIs (the site's host; stable)
   * @param selfUrl the feed's own absolute URL
   * @param siteUrl the site's URL, or null
   * @param author who publishes the feed (the company)
   * @param vendorNames display names by vendor id
   * @param emptyUpdated {@code updated} of a feed without entries
   */
  record Info(
      String tagAuthority,
      String selfUrl,
      String siteUrl,
      String author,
      Map<String, String> vendorNames,
      Instant emptyUpdated) {}

  static byte[] write(List<ChangeEvent> events, Info info, Language lang) {
    Words m = Words.of(lang);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("feed");
      w.writeDefaultNamespace(ATOM);
      w.writeAttribute("xml:lang", lang.code());
      String suffix = lang == Language.DEFAULT ? "" : "/" + lang.code();
      Xml.element(w, "id", "tag:" + info.tagAuthority() + ",2026:subprocessor-changes" + suffix);
      Xml.element(w, "title", m.m().get("apiFeedTitle"));
      Xml.element(w, "subtitle", m.m().get("apiFeedSubtitle"));
      Xml.element(
          w,
          "updated",
          (events.isEmpty() ? info.emptyUpdated() : events.get(0).detectedAt()).toString());
      w.writeStartElement("author");
      Xml.element(w, "name", info.author());
      w.writeEndElement();
      Xml.link(w, "self", "application/atom+xml", info.selfUrl());
      if (info.siteUrl() != null) {
        Xml.link(w, "alternate", "text/html", info.siteUrl());
      }
      for (ChangeEvent e : events) {
        String vendor = info.vendorNames().getOrDefault(e.vendor(), e.vendor());
        w.writeStartElement("entry");
        Xml.element(
            w, "id", "tag:" + info.tagAuthority() + ",2026:subprocessor-change/" + e.id() + suffix);
        Xml.element(w, "title", m.title(e, vendor));
        Xml.element(w, "updated", e.detectedAt().toString());
        Xml.element(w, "published", e.detectedAt().toString());
        if (e.sourceUrl() != null
            && (e.sourceUrl().startsWith("https://") || e.sourceUrl().startsWith("http://"))) {
          Xml.link(w, "related", "text/html", e.sourceUrl());
        }
        w.writeEmptyElement("category");
        w.writeAttribute("term", e.kind());
        Xml.element(w, "summary", m.summary(e, vendor));
        w.writeStartElement("content");
        w.writeAttribute("type", "text");
        w.writeCharacters(Xml.clean(m.details(e)));
        w.writeEndElement();
        w.writeEndElement();
      }
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("could not write the Atom feed", e);
    }
    return out.toByteArray();
  }

  /** The feed's words in one language, from the site's message files ({@code apiFeed*} keys). */
  private record Words(Messages m) {
    private static final Map<Language, Messages> ALL = Messages.loadAll();

    static Words of(Language lang) {
      return new Words(ALL.get(lang));
    }

    String title(ChangeEvent e, String vendor) {
      return switch (e.kind()) {
        case ChangeEvent.ADDED -> m.format("apiFeedAdded", vendor, e.name());
        case ChangeEvent.REMOVED -> m.format("apiFeedRemoved", vendor, e.name());
        default -> m.format("apiFeedChanged", vendor, e.name(), fields(e));
      };
    }

    String summary(ChangeEvent e, String vendor) {
      return m.format("apiFeedSummary", title(e, vendor), DAY.format(e.detectedAt()));
    }

    String details(ChangeEvent e) {
      StringBuilder b = new StringBuilder();
      line(b, "apiFeedGroup", e.group());
      line(b, "apiFeedCountries", String.join(", ", e.countries()));
      line(b, "apiFeedActivity", e.activity());
      if (e.previousCountries() != null && e.fields().contains("countries")) {
        line(b, "apiFeedCountriesBefore", String.join(", ", e.previousCountries()));
      }
      if (e.previousActivity() != null && e.fields().contains("activity")) {
        line(b, "apiFeedActivityBefore", e.previousActivity());
      }
      if (e.sourceUrl() != null) {
        b.append(e.sourceUrl()).append('\n');
      }
      return b.toString();
    }

    private void line(StringBuilder b, String key, String value) {
      b.append(m.format(key, value == null || value.isBlank() ? m.get("apiFeedNone") : value))
          .append('\n');
    }

    private String fields(ChangeEvent e) {
      return e.fields().stream()
          .map(f -> FIELDS.contains(f) ? m.get("apiFeedField_" + f) : f)
          .collect(Collectors.joining(", "));
    }

    private static final java.util.Set<String> FIELDS =
        java.util.Set.of("name", "group", "countries", "activity");
  }
}
