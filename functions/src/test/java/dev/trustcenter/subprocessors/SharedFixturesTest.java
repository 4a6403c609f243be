package dev.trustcenter.subprocessors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared synthetic fixtures of {@code /work/shared/fixtures/subprocessors/}, copied into {@code
 * src/test/resources/subprocessors/} unchanged.
 *
 * <p>Mapping of the fixture's expected JSON to {@link UpstreamEntry}: {@code name}, {@code
 * countries} and {@code group} map one to one; the fixture has no {@code activity}, so activity is
 * asserted separately on a few rows. The fixture lists rows in page order while {@link ParsedList}
 * sorts them (group, name, countries), so the expected rows are sorted the same way before the
 * exact comparison.
 */
class SharedFixturesTest {

  /** One row of an {@code *.expected.json} file. */
  record Expected(String name, List<String> countries, String group) {}

  private static List<Expected> expected(String file) {
    List<Expected> rows =
        new Gson().fromJson(Fixtures.read(file), new TypeToken<List<Expected>>() {}.getType());
    return rows.stream()
        .sorted(
            Comparator.comparing(Expected::group)
                .thenComparing(Expected::name)
                .thenComparing(e -> String.join("\u0000", e.countries())))
        .toList();
  }

  private static List<Expected> actual(ParsedList parsed) {
    return parsed.entries().stream()
        .map(e -> new Expected(e.name(), e.countries(), e.group()))
        .toList();
  }

  @Test
  void googleCloudFixtureParsesToTheExpectedRowsAndDate() throws Exception {
    ParsedList parsed =
        new GoogleCloudPageParser()
            .parse(
                Fixtures.read("google-cloud.html"), "https://cloud.google.com/terms/subprocessors");

    assertEquals(expected("google-cloud.expected.json"), actual(parsed));
    assertEquals(LocalDate.of(2026, 9, 2), parsed.pageUpdated());
  }

  @Test
  void googleCloudFixtureTakesActivityFromTheActivityColumnNotTheServiceColumn() throws Exception {
    ParsedList parsed = new GoogleCloudPageParser().parse(Fixtures.read("google-cloud.html"), "");

    UpstreamEntry google =
        parsed.entries().stream()
            .filter(e -> e.name().equals("Google LLC"))
            .findFirst()
            .orElseThrow();
    assertEquals("Data Center Operations; Technical Support", google.activity());
    UpstreamEntry genpact =
        parsed.entries().stream()
            .filter(e -> e.name().equals("Genpact International, Inc."))
            .findFirst()
            .orElseThrow();
    // "Country where processing is performed", not "Country of registration" (United States of
    // America).
    assertEquals(List.of("Guatemala", "India", "Romania"), genpact.countries());
    assertEquals("Technical Support", genpact.activity());
  }

  @Test
  void cloudflareFixtureParsesToTheExpectedRowsAndDate() throws Exception {
    ParsedList parsed =
        new CloudflarePageParser()
            .parse(
                Fixtures.read("cloudflare-services.html"),
                "https://www.cloudflare.com/gdpr/subprocessors/cloudflare-services/");

    assertEquals(expected("cloudflare-services.expected.json"), actual(parsed));
    assertEquals(LocalDate.of(2025, 10, 1), parsed.pageUpdated());
    assertEquals(
        "Infrastructure for Workers AI",
        parsed.entries().stream()
            .filter(e -> e.name().equals("Oracle America, Inc."))
            .findFirst()
            .orElseThrow()
            .activity());
  }

  @Test
  void challengeFixtureIsRejectedByBothParsers() {
    String html = Fixtures.read("challenge.html");

    assertTrue(ChallengePages.isChallenge(html));
    PageParseException google =
        assertThrows(PageParseException.class, () -> new GoogleCloudPageParser().parse(html, ""));
    PageParseException cloudflare =
        assertThrows(PageParseException.class, () -> new CloudflarePageParser().parse(html, ""));
    assertEquals("page is a bot challenge (title \"Just a moment...\")", google.getMessage());
    assertEquals(google.getMessage(), cloudflare.getMessage());
  }

  @Test
  void realFixturesAreNotChallengePages() {
    assertEquals(false, ChallengePages.isChallenge(Fixtures.read("google-cloud.html")));
    assertEquals(false, ChallengePages.isChallenge(Fixtures.read("cloudflare-services.html")));
  }
}
