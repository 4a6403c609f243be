package dev.trustcenter.subprocessors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Synthetic layouts the real pages may use; each asserts the exact rows parsed. */
class TableLayoutsTest {

  private static final SubprocessorPageParser PARSER = new GoogleCloudPageParser();

  /** Rows as "group | name | countries | activity" for exact, readable comparison. */
  private static List<String> rows(String body) throws PageParseException {
    return PARSER.parse(Fixtures.page(body), "https://example.com/").entries().stream()
        .map(
            e ->
                e.group()
                    + " | "
                    + e.name()
                    + " | "
                    + String.join(", ", e.countries())
                    + " | "
                    + e.activity())
        .toList();
  }

  @Test
  void extraAndReorderedColumnsAreMappedByHeaderText() throws Exception {
    assertEquals(
        List.of(
            "Vendors | Acme Ltd | Chile, Peru | Support",
            "Vendors | Beta GmbH | Germany | Hosting"),
        rows(
            "<h2>Vendors</h2><table>"
                + "<tr><th>Company number</th><th>Purpose</th><th>Parent company</th><th>Location</th><th>Registered address</th><th>Subprocessor</th></tr>"
                + "<tr><td>0123</td><td>Support</td><td>Acme Group</td><td>Chile and Peru</td><td>1 Road, Town</td><td>Acme Ltd</td></tr>"
                + "<tr><td>0456</td><td>Hosting</td><td>Beta AG</td><td>Germany</td><td>2 Str, Berlin</td><td>Beta GmbH</td></tr></table>"));
  }

  @Test
  void processingCountryIsPreferredOverCountryOfRegistrationWhateverTheOrder() throws Exception {
    assertEquals(
        List.of("Third-Party Subprocessors | Acme Ltd | India, Japan | "),
        rows(
            "<h2>Third-Party Subprocessors</h2><table>"
                + "<tr><th>Country of registration</th><th>Entity name</th><th>Country where processing is performed</th></tr>"
                + "<tr><td>Ireland</td><td>Acme Ltd</td><td>India and Japan</td></tr></table>"));
  }

  @Test
  void headerGivenAsFirstRowOfTdCellsIsRecognised() throws Exception {
    assertEquals(
        List.of("G | Acme Ltd | Chile | Support"),
        rows(
            "<h3>G</h3><table><tbody>"
                + "<tr><td><strong>Name</strong></td><td><strong>Country</strong></td><td><strong>Function</strong></td></tr>"
                + "<tr><td>Acme Ltd</td><td>Chile</td><td>Support</td></tr></tbody></table>"));
  }

  @Test
  void rowspanAndColspanAreExpandedToAGrid() throws Exception {
    assertEquals(
        List.of(
            "G | Acme Ltd | Chile | Support",
            "G | Beta Inc. | Chile | Support",
            "G | Gamma SA | Peru | Hosting"),
        rows(
            "<h2>G</h2><table>"
                + "<thead><tr><th>Entity name</th><th>Country where processing is performed</th><th>Activity</th></tr></thead>"
                + "<tr><td>Acme Ltd</td><td rowspan=\"2\">Chile</td><td rowspan=\"2\">Support</td></tr>"
                + "<tr><td>Beta Inc.</td></tr>"
                + "<tr><td>Gamma SA</td><td colspan=\"1\">Peru</td><td>Hosting</td></tr></table>"));
  }

  @Test
  void colspanHeaderOverTwoSubHeadersIsReadAsATwoRowHeader() throws Exception {
    assertEquals(
        List.of("G | Acme Ltd | India | "),
        rows(
            "<h2>G</h2><table>"
                + "<tr><th rowspan=\"2\">Entity</th><th colspan=\"2\">Country</th></tr>"
                + "<tr><th>where processing is performed</th><th>of registration</th></tr>"
                + "<tr><td>Acme Ltd</td><td>India</td><td>Ireland</td></tr></table>"));
  }

  @Test
  void brParagraphAndListItemsInsideCellsSeparateValues() throws Exception {
    assertEquals(
        List.of(
            "G | Acme Ltd | Chile, Peru, Japan | Support; Hosting",
            "G | Beta Inc. (d/b/a Beta) | India, Trinidad and Tobago | Billing"),
        rows(
            "<h2>G</h2><table>"
                + "<tr><th>Subprocessor</th><th>Locations</th><th>Services description</th></tr>"
                + "<tr><td>Acme Ltd</td><td>Chile<br>Peru<br/>Japan</td><td><ul><li>Support</li><li>Hosting</li></ul></td></tr>"
                + "<tr><td><p>Beta Inc.</p><p>(d/b/a Beta)</p></td><td><ul><li>India</li><li>Trinidad and Tobago</li></ul></td><td><p>Billing</p></td></tr>"
                + "</table>"));
  }

  @Test
  void nbspFootnoteMarksAndLinksAreCleanedFromHeadersAndCells() throws Exception {
    assertEquals(
        List.of("Third\u2011Party | Acme Ltd | United States of America, Ireland | Support"),
        rows(
            "<h2>Third\u2011Party&nbsp;<sup>1</sup></h2><table>"
                + "<tr><th>Entity&nbsp;name*</th><th>Country\u00A0where processing is performed\u2020</th><th>Activity\u00B9 [2]</th></tr>"
                + "<tr><td><a href=\"/acme\">Acme&nbsp;&nbsp;Ltd</a><sup>3</sup></td><td>United&nbsp;States of America*, Ireland[1]</td>"
                + "<td>&nbsp;Support&nbsp;</td></tr></table>"));
  }

  @Test
  void navigationFooterAndUnrelatedTablesAreIgnored() throws Exception {
    assertEquals(
        List.of("Subprocessors | Acme Ltd | Chile | "),
        rows(
            "<nav><h3>Menu</h3><table><tr><th>Name</th><th>Country</th></tr><tr><td>Home</td><td>US</td></tr></table></nav>"
                + "<table><tr><th>Product</th><th>Description</th></tr><tr><td>Storage</td><td>Objects</td></tr></table>"
                + "<h2>Subprocessors</h2><table><tr><th>Name</th><th>Country</th></tr><tr><td>Acme Ltd</td><td>Chile</td></tr></table>"
                + "<table><tr><th>Region</th><th>City</th></tr><tr><td>EU</td><td>Paris</td></tr></table>"
                + "<footer><table><tr><th>Company</th><th>Location</th></tr><tr><td>Cloud Corp</td><td>Mars</td></tr></table></footer>"
                + "<div role=\"contentinfo\"><table><tr><th>Entity</th><th>Country</th></tr><tr><td>X</td><td>Y</td></tr></table></div>"));
  }

  @Test
  void devsiteSelectorTabsWithAllPanesInTheDomGroupByTabHeading() throws Exception {
    assertEquals(
        List.of(
            "Google Cloud | Acme Ltd | Chile | ",
            "SecOps | Acme Ltd | Peru | ",
            "SecOps | Beta Inc. | India | "),
        rows(
            "<h2>Third-Party Subprocessors</h2>"
                + "<devsite-selector><section><h3>Google Cloud</h3>"
                + "<table><tr><th>Entity name</th><th>Country</th></tr><tr><td>Acme Ltd</td><td>Chile</td></tr></table></section>"
                + "<section><h3>SecOps</h3>"
                + "<table><tr><th>Entity name</th><th>Country</th></tr><tr><td>Acme Ltd</td><td>Peru</td></tr>"
                + "<tr><td>Beta Inc.</td><td>India</td></tr></table></section></devsite-selector>"));
  }

  @Test
  void ariaTabPanelsTakeTheirLabelFromTheTab() throws Exception {
    assertEquals(
        List.of("Professional services | Beta Inc. | India | ", "Services | Acme Ltd | Chile | "),
        rows(
            "<h2>Lists</h2><div role=\"tablist\">"
                + "<button role=\"tab\" id=\"t1\">x</button><a role=\"tab\" id=\"t1l\">Services</a><a role=\"tab\" id=\"t2\">Professional services</a></div>"
                + "<div role=\"tabpanel\" aria-labelledby=\"t1l\"><table><tr><th>Subprocessor</th><th>Location</th></tr>"
                + "<tr><td>Acme Ltd</td><td>Chile</td></tr></table></div>"
                + "<div role=\"tabpanel\" aria-labelledby=\"t2\" hidden><table><tr><th>Subprocessor</th><th>Location</th></tr>"
                + "<tr><td>Beta Inc.</td><td>India</td></tr></table></div>"));
  }

  @Test
  void nameInThScopeRowIsRead() throws Exception {
    assertEquals(
        List.of("G | Acme Ltd | Chile | Support"),
        rows(
            "<h2>G</h2><table>"
                + "<thead><tr><th scope=\"col\">Subprocessor</th><th scope=\"col\">Country</th><th scope=\"col\">Purpose</th></tr></thead>"
                + "<tbody><tr><th scope=\"row\">Acme Ltd</th><td>Chile</td><td>Support</td></tr></tbody></table>"));
  }

  @Test
  void emptyTrailingRowsAndRepeatedHeaderRowsAreSkipped() throws Exception {
    assertEquals(
        List.of("G | Acme Ltd | Chile | ", "G | Beta Inc. | Peru | "),
        rows(
            "<h2>G</h2><table>"
                + "<tr><th>Entity name</th><th>Country</th></tr>"
                + "<tr><td>Acme Ltd</td><td>Chile</td></tr>"
                + "<tr><th>Entity name</th><th>Country</th></tr>"
                + "<tr><td>Name of entity</td><td>Countries</td></tr>"
                + "<tr><td>Beta Inc.</td><td>Peru</td></tr>"
                + "<tr><td></td><td></td></tr><tr><td>&nbsp;</td><td> </td></tr><tr></tr></table>"));
  }

  @Test
  void captionIsTheGroupWhenPresent() throws Exception {
    assertEquals(
        List.of("Cloudflare Affiliates | Cloudflare Ltd | United Kingdom | "),
        rows(
            "<h2>All subprocessors</h2>"
                + "<table><caption>Cloudflare Affiliates</caption><tr><th>Subprocessor</th><th>Location</th></tr>"
                + "<tr><td>Cloudflare Ltd</td><td>United Kingdom</td></tr></table>"));
  }

  @Test
  void spanningLabelRowsInsideOneTableStartNewGroupsButNotesDoNot() throws Exception {
    assertEquals(
        List.of(
            "Cloudflare Affiliates | Cloudflare Ltd | United Kingdom | ",
            "Cloudflare Developer Platform | Google LLC | United States of America | ",
            "Cloudflare Developer Platform | Oracle America, Inc. | United States of America | "),
        rows(
            "<h2>Subprocessors</h2><table><tr><th>Subprocessor</th><th>Location</th></tr>"
                + "<tr><td colspan=\"2\">Cloudflare Affiliates</td></tr>"
                + "<tr><td>Cloudflare Ltd</td><td>United Kingdom</td></tr>"
                + "<tr><td colspan=\"2\"><strong>Cloudflare Developer Platform</strong></td></tr>"
                + "<tr><td>Google LLC</td><td>United States of America</td></tr>"
                + "<tr><td colspan=\"2\">* Only for Workers AI</td></tr>"
                + "<tr><td>Oracle America, Inc.</td><td>United States of America</td></tr></table>"));
  }

  @Test
  void cloudflareStyleProductHeadingsGroupEachThirdPartyTable() throws Exception {
    List<String> parsed =
        new CloudflarePageParser()
                .parse(
                    Fixtures.page(
                        "<h1>Subprocessors</h1>"
                            + "<h2>Cloudflare Affiliates</h2><table><tr><th>Subprocessor</th><th>Location</th><th>Function</th></tr>"
                            + "<tr><td>Cloudflare, Inc.</td><td>United States of America</td><td>Services</td></tr></table>"
                            + "<h2>Third Party Subprocessors</h2><p><strong>Zero Trust</strong></p>"
                            + "<table><tr><th>Subprocessor</th><th>Location</th><th>Function</th></tr>"
                            + "<tr><td>Okta, Inc.</td><td>United States of America</td><td>Identity</td></tr></table>"
                            + "<details><summary>AI Gateway</summary><table><tr><th>Subprocessor</th><th>Location</th><th>Function</th></tr>"
                            + "<tr><td>Anthropic, PBC</td><td>United States of America</td><td>Inference</td></tr></table></details>"),
                    "")
                .entries()
                .stream()
                .map(e -> e.group() + " | " + e.name())
                .toList();

    assertEquals(
        List.of(
            "AI Gateway | Anthropic, PBC",
            "Cloudflare Affiliates | Cloudflare, Inc.",
            "Zero Trust | Okta, Inc."),
        parsed);
  }

  @Test
  void rowWithEmptyNameContinuesTheEntityAboveAndDuplicatesMerge() throws Exception {
    assertEquals(
        List.of("G | Acme Ltd | Chile, Peru, India | Support; Hosting"),
        rows(
            "<h2>G</h2><table>"
                + "<tr><th>Entity name</th><th>Country</th><th>Activity</th></tr>"
                + "<tr><td>Acme Ltd</td><td>Chile</td><td>Support</td></tr>"
                + "<tr><td></td><td>Peru</td><td>Support</td></tr>"
                + "<tr><td>Acme  Ltd</td><td>India, Chile</td><td>Hosting</td></tr></table>"));
  }

  @Test
  void layoutTableAroundTheListDoesNotHideIt() throws Exception {
    assertEquals(
        List.of("G | Acme Ltd | Chile | "),
        rows(
            "<table class=\"layout\"><tr><td><h2>G</h2>"
                + "<table><tr><th>Entity name</th><th>Country</th></tr><tr><td>Acme Ltd</td><td>Chile</td></tr></table>"
                + "</td></tr></table>"));
  }

  @Test
  void sameContentInADifferentOrderGivesAnEqualList() throws Exception {
    String a =
        "<h2>A</h2><table><tr><th>Entity name</th><th>Country</th></tr><tr><td>Zeta</td><td>Chile</td></tr>"
            + "<tr><td>Alpha</td><td>Peru</td></tr></table>"
            + "<h2>B</h2><table><tr><th>Entity name</th><th>Country</th></tr><tr><td>Mid</td><td>India</td></tr></table>";
    String b =
        "<h2>B</h2><table><tr><th>Country</th><th>Entity name</th></tr><tr><td>India</td><td>Mid</td></tr></table>"
            + "<h2>A</h2><table><tr><th>Entity name</th><th>Country</th></tr><tr><td>Alpha</td><td>Peru</td></tr>"
            + "<tr><td>Zeta</td><td>Chile</td></tr></table>";

    assertEquals(PARSER.parse(Fixtures.page(a), ""), PARSER.parse(Fixtures.page(b), ""));
    assertEquals(
        List.of("A | Alpha | Peru | ", "A | Zeta | Chile | ", "B | Mid | India | "), rows(a));
  }

  @Test
  void ariaDivTablesAreReadLikeTables() throws Exception {
    assertEquals(
        List.of(
            "Customer Support | Salesforce, Inc. | United States of America | Ticketing",
            "Customer Support | Slack Technologies, LLC | United States of America, Japan | Chat"),
        rows(
            "<h3>Customer Support</h3><div role=\"table\">"
                + "<div role=\"rowgroup\"><div role=\"row\"><span role=\"columnheader\">Subprocessor</span>"
                + "<span role=\"columnheader\">Type of processing</span><span role=\"columnheader\">Location</span></div></div>"
                + "<div role=\"rowgroup\"><div role=\"row\"><span role=\"cell\">Salesforce, Inc.</span><span role=\"cell\">Ticketing</span>"
                + "<span role=\"cell\">United States of America</span></div>"
                + "<div role=\"row\"><span role=\"rowheader\">Slack Technologies, LLC</span><span role=\"cell\">Chat</span>"
                + "<span role=\"cell\">United States of America<br>Japan</span></div></div></div>"));
  }

  @Test
  void nameAndAddressColumnGivesTheFirstLineAsName() throws Exception {
    assertEquals(
        List.of("G | Acme Ltd | Chile | "),
        rows(
            "<h2>G</h2><table>"
                + "<tr><th>Name and address of the subprocessor</th><th>Processing location</th></tr>"
                + "<tr><td>Acme Ltd<br>1 Road, Town</td><td>Chile</td></tr></table>"));
  }
}
