package dev.trustcenter.subprocessors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.trustcenter.testing.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pages that must be rejected with a clear reason, and inputs that must never crash or hang. */
class FailClosedTest {

  private static final List<SubprocessorPageParser> PARSERS =
      List.of(new GoogleCloudPageParser(), new CloudflarePageParser());

  private static String reason(String html) {
    String first = null;
    for (SubprocessorPageParser parser : PARSERS) {
      String message =
          assertThrows(PageParseException.class, () -> parser.parse(html, "")).getMessage();
      if (first != null) {
        assertEquals(first, message, "both parsers give the same reason");
      }
      first = message;
    }
    return first;
  }

  @Test
  void challengeTitleIsRejectedEvenWhenTheBodyHasATable() {
    assertEquals(
        "page is a bot challenge (title \"Attention Required! | Cloudflare\")",
        reason(
            "<html><head><title>Attention Required! | Cloudflare</title></head><body>"
                + "<table><tr><th>Name</th><th>Country</th></tr><tr><td>A</td><td>B</td></tr></table></body></html>"));
  }

  @Test
  void challengeMarkerWithoutTitleIsRejected() {
    assertEquals(
        "page is a bot challenge (marker \"challenge-platform\")",
        reason(
            Fixtures.page(
                "<script src=\"/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=1\"></script>")));
  }

  @Test
  void pageWithoutAnyMatchingTableIsRejected() {
    assertEquals(
        "no table with a name column and a country column (0 tables on the page)",
        reason(Fixtures.page("<h1>Subprocessors</h1><p>We use some vendors.</p>")));
    assertEquals(
        "no table with a name column and a country column (2 tables on the page)",
        reason(
            Fixtures.page(
                "<table><tr><th>Product</th><th>Description</th></tr><tr><td>A</td><td>B</td></tr></table>"
                    + "<table><tr><td>just</td><td>cells</td></tr></table>")));
  }

  @Test
  void subprocessorTableWithoutCountryColumnIsRejectedEvenNextToAGoodTable() {
    assertEquals(
        "required column 'country' missing in table under 'Third-Party Subprocessors'",
        reason(
            Fixtures.page(
                "<h2>Google Group Subprocessors</h2><table><tr><th>Entity name</th><th>Country</th></tr>"
                    + "<tr><td>Google LLC</td><td>United States of America</td></tr></table>"
                    + "<h2>Third-Party Subprocessors</h2><table><tr><th>Entity name</th><th>Activity</th></tr>"
                    + "<tr><td>Acme Ltd</td><td>Support</td></tr></table>")));
  }

  @Test
  void subprocessorTableWithoutNameColumnIsRejected() {
    assertEquals(
        "required column 'name' missing in table under 'Vendors'",
        reason(
            Fixtures.page(
                "<h2>Vendors</h2><table><tr><th>Activity</th><th>Country where processing is performed</th></tr>"
                    + "<tr><td>Support</td><td>India</td></tr></table>")));
  }

  @Test
  void changeLogTableWithoutCountryDoesNotBlockTheList() throws Exception {
    ParsedList parsed =
        PARSERS
            .get(0)
            .parse(
                Fixtures.page(
                    "<h2>List</h2><table><tr><th>Entity name</th><th>Country</th></tr><tr><td>Acme Ltd</td><td>Chile</td></tr></table>"
                        + "<h2>Changes</h2><table><tr><th>Date</th><th>Subprocessor</th><th>Change</th></tr>"
                        + "<tr><td>2025-01-01</td><td>Beta Inc.</td><td>Removed</td></tr></table>"),
                "");
    assertEquals(
        List.of(new UpstreamEntry("Acme Ltd", List.of("Chile"), "", "List")), parsed.entries());
  }

  @Test
  void headerWithoutDataRowsIsRejected() {
    assertEquals(
        "no rows parsed",
        reason(
            Fixtures.page(
                "<h2>G</h2><table><thead><tr><th>Entity name</th><th>Country</th></tr></thead>"
                    + "<tbody><tr><td></td><td></td></tr><tr><td>&nbsp;</td><td>Chile</td></tr></tbody></table>")));
  }

  @Test
  void rowsWithoutAnyCountryAreRejected() {
    assertEquals(
        "no country parsed in any row",
        reason(
            Fixtures.page(
                "<h2>G</h2><table><tr><th>Entity name</th><th>Country</th></tr><tr><td>Acme Ltd</td><td></td></tr></table>")));
  }

  @Test
  void emptyAndOversizedInputsAreRejected() {
    assertEquals("page is empty", reason(""));
    assertEquals("page is empty", reason(" \n "));
    assertThrows(PageParseException.class, () -> PARSERS.get(0).parse(null, null));
    String huge = "x".repeat(SubprocessorTables.MAX_HTML_CHARS + 1);
    assertEquals("page is too large (" + huge.length() + " characters)", reason(huge));
  }

  @IntegrationTest // a stress test of hundreds of thousands of tags: minutes on a busy machine
  @Test
  void deeplyNestedMarkupNeitherOverflowsNorHangs() {
    // Generous bounds: the machine is shared; a hang, not slowness, is what these catch.
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          for (String tag :
              List.of(
                  "div",
                  "table",
                  "b",
                  "td",
                  "li",
                  "summary",
                  "h2",
                  "div role=table",
                  "div role=row")) {
            String html =
                ("<" + tag + ">").repeat(100_000)
                    + "Acme"
                    + ("</" + tag.split(" ")[0] + ">").repeat(100_000);
            expectOnlyParseExceptions(html);
          }
        });
  }

  @IntegrationTest // a stress test of hundreds of thousands of tags: minutes on a busy machine
  @Test
  void hugeSpansAndManyCellsStayWithinBudget() {
    // Generous bounds: the machine is shared; a hang, not slowness, is what these catch.
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          String header = "<table><tr><th>Entity name</th><th>Country</th></tr>";
          expectOnlyParseExceptions(
              Fixtures.page(
                  header
                      + "<tr><td rowspan=\"99999999\" colspan=\"99999999\">A</td><td>B</td></tr>"
                          .repeat(20_000)
                      + "</table>"));
          expectOnlyParseExceptions(
              Fixtures.page(
                  (header + "<tr><td colspan=\"1000\">A</td></tr>".repeat(300) + "</table>")
                      .repeat(300)));
          expectOnlyParseExceptions(
              Fixtures.page(
                  header
                      + "<tr>"
                      + "<td rowspan=0>x</td>".repeat(5000)
                      + "</tr>"
                      + "<tr><td>a</td></tr>".repeat(5000)
                      + "</table>"));
        });
  }

  @Test
  void randomGarbageAndMutatedPagesOnlyEverThrowPageParseException() {
    Random random = new Random(42);
    String seed = Fixtures.read("google-cloud.html") + Fixtures.read("cloudflare-services.html");
    String alphabet = "<>/=\"' tdrhabl&;#\u00A0\uE000\uE001,and*[]1()\n";
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> {
          for (int i = 0; i < 400; i++) {
            StringBuilder mutated = new StringBuilder(seed);
            for (int j = 0; j < 1 + random.nextInt(40); j++) {
              int at = random.nextInt(mutated.length());
              switch (random.nextInt(3)) {
                case 0 -> mutated.deleteCharAt(at);
                case 1 -> mutated.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                default ->
                    mutated.replace(at, Math.min(mutated.length(), at + random.nextInt(50)), "");
              }
            }
            expectOnlyParseExceptions(mutated.toString());
            char[] noise = new char[random.nextInt(2000)];
            for (int k = 0; k < noise.length; k++) {
              noise[k] =
                  random.nextBoolean()
                      ? alphabet.charAt(random.nextInt(alphabet.length()))
                      : (char) random.nextInt(0xFFFF);
            }
            expectOnlyParseExceptions(new String(noise));
          }
        });
  }

  private static void expectOnlyParseExceptions(String html) {
    for (SubprocessorPageParser parser : PARSERS) {
      try {
        ParsedList parsed = parser.parse(html, "https://example.com/");
        if (parsed.entries().isEmpty()) {
          fail("a successful parse must have rows");
        }
      } catch (PageParseException expected) {
        // failing closed with a reason is the contract
      }
    }
    ChallengePages.isChallenge(html);
  }
}
