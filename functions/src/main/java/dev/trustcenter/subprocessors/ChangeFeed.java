package dev.trustcenter.subprocessors;

import dev.trustcenter.content.Language;
import dev.trustcenter.http.Xml;
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
    Messages m = lang == Language.EN ? Messages.EN : Messages.ES;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("feed");
      w.writeDefaultNamespace(ATOM);
      w.writeAttribute("xml:lang", lang.code());
      String suffix = lang == Language.DEFAULT ? "" : "/" + lang.code();
      Xml.element(w, "id", "tag:" + info.tagAuthority() + ",2026:subprocessor-changes" + suffix);
      Xml.element(w, "title", m.feedTitle);
      Xml.element(w, "subtitle", m.feedSubtitle);
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

  /** The feed's words in one language. */
  private record Messages(
      String feedTitle,
      String feedSubtitle,
      String added,
      String removed,
      String changed,
      String group,
      String countries,
      String activity,
      String countriesBefore,
      String activityBefore,
      String detected,
      String none,
      Map<String, String> fieldNames) {

    static final Messages ES =
        new Messages(
            "Cambios en las listas de subprocesadores de nuestros proveedores",
            "Altas, bajas y cambios que nuestros proveedores publican en sus propias listas de subprocesadores,"
                + " comprobadas a diario.",
            "%s: nuevo subprocesador, %s",
            "%s: %s deja de figurar como subprocesador",
            "%s: cambios en %s (%s)",
            "Grupo",
            "Países",
            "Actividad",
            "Países antes",
            "Actividad antes",
            "Detectado el",
            "sin indicar",
            Map.of(
                "name",
                "nombre",
                "group",
                "grupo",
                "countries",
                "países",
                "activity",
                "actividad"));

    static final Messages EN =
        new Messages(
            "Changes to our providers' subprocessor lists",
            "Additions, removals and changes our providers publish in their own subprocessor lists, checked daily.",
            "%s: new subprocessor, %s",
            "%s: %s no longer listed as a subprocessor",
            "%s: %s changed (%s)",
            "Group",
            "Countries",
            "Activity",
            "Countries before",
            "Activity before",
            "Detected on",
            "not stated",
            Map.of(
                "name",
                "name",
                "group",
                "group",
                "countries",
                "countries",
                "activity",
                "activity"));

    String title(ChangeEvent e, String vendor) {
      return switch (e.kind()) {
        case ChangeEvent.ADDED -> String.format(added, vendor, e.name());
        case ChangeEvent.REMOVED -> String.format(removed, vendor, e.name());
        default -> String.format(changed, vendor, e.name(), fields(e));
      };
    }

    String summary(ChangeEvent e, String vendor) {
      return title(e, vendor) + ". " + detected + " " + DAY.format(e.detectedAt()) + ".";
    }

    String details(ChangeEvent e) {
      StringBuilder b = new StringBuilder();
      b.append(group).append(": ").append(orNone(e.group())).append('\n');
      b.append(countries)
          .append(": ")
          .append(orNone(String.join(", ", e.countries())))
          .append('\n');
      b.append(activity).append(": ").append(orNone(e.activity())).append('\n');
      if (e.previousCountries() != null && e.fields().contains("countries")) {
        b.append(countriesBefore)
            .append(": ")
            .append(orNone(String.join(", ", e.previousCountries())))
            .append('\n');
      }
      if (e.previousActivity() != null && e.fields().contains("activity")) {
        b.append(activityBefore).append(": ").append(orNone(e.previousActivity())).append('\n');
      }
      if (e.sourceUrl() != null) {
        b.append(e.sourceUrl()).append('\n');
      }
      return b.toString();
    }

    private String fields(ChangeEvent e) {
      return e.fields().stream()
          .map(f -> fieldNames.getOrDefault(f, f))
          .collect(Collectors.joining(", "));
    }

    private String orNone(String s) {
      return s == null || s.isBlank() ? none : s;
    }
  }
}
