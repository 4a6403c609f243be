package dev.trustcenter.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.trustcenter.subprocessors.ChallengePages;
import dev.trustcenter.subprocessors.CloudflarePageParser;
import dev.trustcenter.subprocessors.CountrySplitter;
import dev.trustcenter.subprocessors.GoogleCloudPageParser;
import dev.trustcenter.subprocessors.PageParseException;
import dev.trustcenter.subprocessors.ParsedList;
import dev.trustcenter.subprocessors.UpstreamEntry;
import dev.trustcenter.testing.IntegrationTest;

/**
 * Fuzzes the vendor page parsers: whatever a vendor (or an attacker between us and the vendor)
 * serves, a parse either yields a well-formed list or a {@link PageParseException}; nothing else
 * escapes and nothing hangs. In {@code mvn verify} the regression inputs under {@code
 * src/test/resources/.../SubprocessorParsersFuzzTestInputs} run; a long run is {@code JAZZER_FUZZ=1
 * mvn -pl functions test -Dtest=SubprocessorParsersFuzzTest} (README).
 */
@IntegrationTest
class SubprocessorParsersFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void googleCloudPage(FuzzedDataProvider data) {
    check(data, new GoogleCloudPageParser());
  }

  @FuzzTest(maxDuration = "60s")
  void cloudflarePage(FuzzedDataProvider data) {
    check(data, new CloudflarePageParser());
  }

  @FuzzTest(maxDuration = "30s")
  void countryCells(FuzzedDataProvider data) {
    for (String country : CountrySplitter.split(data.consumeRemainingAsString())) {
      if (country == null || country.isBlank()) {
        throw new IllegalStateException("blank country produced");
      }
    }
  }

  private static void check(
      FuzzedDataProvider data, dev.trustcenter.subprocessors.SubprocessorPageParser parser) {
    String html = data.consumeRemainingAsString();
    ChallengePages.isChallenge(html);
    ParsedList list;
    try {
      list = parser.parse(html, "https://vendor.example/subprocessors");
    } catch (PageParseException expected) {
      if (expected.getMessage() == null || expected.getMessage().isBlank()) {
        throw new IllegalStateException("a parse failure without a reason");
      }
      return;
    }
    if (list.entries().isEmpty()) {
      throw new IllegalStateException("an empty list must be a parse failure");
    }
    for (UpstreamEntry e : list.entries()) {
      if (e.name().isBlank() || e.countries().stream().anyMatch(String::isBlank)) {
        throw new IllegalStateException("malformed entry " + e);
      }
    }
  }
}
