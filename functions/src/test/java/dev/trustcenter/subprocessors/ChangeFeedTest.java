package dev.trustcenter.subprocessors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.Language;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The Atom writer with hostile vendor text. */
class ChangeFeedTest {
  static final ChangeFeed.Info INFO =
      new ChangeFeed.Info(
          "trust.example.com",
          "https://trust.example.com/api/v1/subprocessors/changes.atom",
          "https://trust.example.com",
          "Example S.L.",
          Map.of("cloudflare", "Cloudflare"),
          Instant.EPOCH);

  private static Document parse(byte[] xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
  }

  @Test
  void markupAndControlCharactersInVendorTextStayTextAndTheFeedStaysWellFormed() throws Exception {
    String name = "<script>alert(1)</script> & \"Evil\" ]]> Ltd\u0001\uFFFE";
    ChangeEvent e =
        new ChangeEvent(
            "2026-03-02T03:15:00.000Z-cloudflare-0123456789abcdef",
            "cloudflare",
            "added",
            name,
            "Group <b>",
            List.of(),
            List.of("Trinidad and Tobago"),
            "Support & <i>ops</i>",
            null,
            null,
            "https://www.cloudflare.com/gdpr/subprocessors/\"><x>",
            Instant.parse("2026-03-02T03:15:00Z"));
    Document doc = parse(ChangeFeed.write(List.of(e), INFO, Language.EN));
    String title = doc.getElementsByTagNameNS(ChangeFeed.ATOM, "title").item(1).getTextContent();
    assertEquals(
        "Cloudflare: new subprocessor, <script>alert(1)</script> & \"Evil\" ]]> Ltd", title);
    assertEquals(0, doc.getElementsByTagName("script").getLength());
    assertTrue(
        doc.getElementsByTagNameNS(ChangeFeed.ATOM, "content")
            .item(0)
            .getTextContent()
            .contains("Support & <i>ops</i>"));
    assertEquals(
        "tag:trust.example.com,2026:subprocessor-change/2026-03-02T03:15:00.000Z-cloudflare-0123456789abcdef/en",
        doc.getElementsByTagNameNS(ChangeFeed.ATOM, "id").item(1).getTextContent());
  }

  @Test
  void eachLanguagesFeedAndEntriesHaveTheirOwnIds_andSpanishKeepsThePublishedOnes()
      throws Exception {
    ChangeEvent e =
        new ChangeEvent(
            "2026-03-02T03:15:00.000Z-cloudflare-0123456789abcdef",
            "cloudflare",
            "added",
            "Acme",
            "",
            List.of(),
            List.of("Spain"),
            "Support",
            null,
            null,
            null,
            Instant.parse("2026-03-02T03:15:00Z"));
    List<String> es = ids(parse(ChangeFeed.write(List.of(e), INFO, Language.ES)));
    List<String> en = ids(parse(ChangeFeed.write(List.of(e), INFO, Language.EN)));
    assertEquals(
        List.of(
            "tag:trust.example.com,2026:subprocessor-changes",
            "tag:trust.example.com,2026:subprocessor-change/2026-03-02T03:15:00.000Z-cloudflare-0123456789abcdef"),
        es);
    assertEquals(2, en.size());
    for (String id : en) {
      assertTrue(!es.contains(id), id + " is also a Spanish id");
    }
  }

  /** The feed's id, then each entry's: only atom:id elements that are children of feed or entry. */
  private static List<String> ids(Document doc) {
    List<String> ids = new java.util.ArrayList<>();
    org.w3c.dom.Element feed = doc.getDocumentElement();
    assertEquals(ChangeFeed.ATOM, feed.getNamespaceURI());
    for (org.w3c.dom.Node n = feed.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof org.w3c.dom.Element el && ChangeFeed.ATOM.equals(el.getNamespaceURI())) {
        if (el.getLocalName().equals("id")) {
          ids.add(0, el.getTextContent());
        } else if (el.getLocalName().equals("entry")) {
          ids.add(el.getElementsByTagNameNS(ChangeFeed.ATOM, "id").item(0).getTextContent());
        }
      }
    }
    return ids;
  }

  @Test
  void anEmptyFeedStillHasEveryRequiredElement() throws Exception {
    Document doc = parse(ChangeFeed.write(List.of(), INFO, Language.ES));
    for (String el : List.of("id", "title", "updated", "author")) {
      assertEquals(1, doc.getElementsByTagNameNS(ChangeFeed.ATOM, el).getLength(), el);
    }
    assertEquals(
        "1970-01-01T00:00:00Z",
        doc.getElementsByTagNameNS(ChangeFeed.ATOM, "updated").item(0).getTextContent());
    assertEquals("es", doc.getDocumentElement().getAttribute("xml:lang"));
  }
}
