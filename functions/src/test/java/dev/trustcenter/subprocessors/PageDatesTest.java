package dev.trustcenter.subprocessors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PageDatesTest {

  private static LocalDate dateOf(String body) {
    return PageDates.find(Jsoup.parse(Fixtures.page(body)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "<p>Last modified: November 3, 2025</p>|2025-11-03",
        "<p>Last Updated: October 1, 2025</p>|2025-10-01",
        "<p>LAST UPDATED:&nbsp;October&nbsp;1,&nbsp;2025</p>|2025-10-01",
        "<p>Last updated on October 1st, 2025</p>|2025-10-01",
        "<p><strong>Last Updated:</strong> Oct. 1, 2025</p>|2025-10-01",
        "<p>Last modified: 2025-11-03</p>|2025-11-03",
        "<p>Last updated 3 November 2025</p>|2025-11-03",
        "<p>last revised - Sept 9 2024</p>|2024-09-09",
        "<dl><dt>Last updated</dt><dd>January 15, 2024</dd></dl>|2024-01-15",
        "<p>Last updated: <time datetime=\"2025-10-01T00:00:00Z\">1 Oct</time></p>|2025-10-01",
      })
  void labelledDateFormatsAreRead(String body, String expected) {
    assertEquals(LocalDate.parse(expected), dateOf(body));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<p>No date here</p>",
        "<p>Last updated: February 30, 2025</p>",
        "<p>Last updated: 10/01/2025</p>",
        "<p>Published October 1, 2025</p>",
      })
  void missingAmbiguousOrImpossibleDateGivesNull(String body) {
    assertNull(dateOf(body));
  }

  @Test
  void firstDateInTheArticleWinsOverTheFooterBuildStamp() {
    assertEquals(
        LocalDate.of(2025, 11, 3),
        dateOf(
            "<nav><p>Last updated 2020-01-01</p></nav><p>Last modified: November 3, 2025</p>"
                + "<footer><p>Last updated 2026-01-20 UTC.</p></footer>"));
    assertNull(dateOf("<p>text</p><footer><p>Last updated 2026-01-20 UTC.</p></footer>"));
  }
}
