package dev.trustcenter.subprocessors;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Recognises a bot-protection interstitial ("Just a moment...", "Attention Required! | Cloudflare")
 * served instead of the page asked for. Diffing such a page against the last list would report
 * every subprocessor as removed, so callers must fail closed on it.
 *
 * <p>Only the body is checked here; the {@code cf-mitigated: challenge} response header is the
 * fetcher's job. A normal page on a site with Cloudflare Bot Management also loads a passive script
 * from {@code /cdn-cgi/challenge-platform/scripts/jsd/}, so that path alone is <em>not</em> taken
 * as a challenge; any other {@code challenge-platform} reference is.
 */
public final class ChallengePages {

  private static final List<String> CHALLENGE_TITLES =
      List.of(
          "just a moment...",
          "just a moment\u2026",
          "attention required! | cloudflare",
          "please wait... | cloudflare",
          "one more step",
          "ddos-guard");

  /** Titles that start like this are Cloudflare block pages (also not the list). */
  private static final Pattern BLOCK_TITLE =
      Pattern.compile("^(access denied|error \\d{3,4}|attention required!).*cloudflare.*$");

  /** Markers that only interstitials carry; kept narrow to avoid false positives. */
  private static final List<String> CHALLENGE_MARKERS =
      List.of(
          "cf-challenge",
          "_cf_chl_opt",
          "cf_chl_",
          "id=\"challenge-running\"",
          "id=\"challenge-form\"",
          "cf-browser-verification",
          "cf-error-details",
          "cf-turnstile-challenge");

  private static final Pattern CHALLENGE_PLATFORM =
      Pattern.compile("challenge-platform(?!/scripts/jsd)");

  private ChallengePages() {}

  /**
   * @param html a response body, may be null or garbage
   * @return true when the body looks like a bot challenge or block page
   */
  public static boolean isChallenge(String html) {
    if (html == null || html.isEmpty()) {
      return false;
    }
    try {
      return reason(html, Jsoup.parse(html)).isPresent();
    } catch (RuntimeException e) {
      // A page jsoup cannot even parse is not a challenge page; the parser reports it.
      return markerIn(html).isPresent();
    }
  }

  /** The reason a parsed page is a challenge, worded for a {@link PageParseException}. */
  static Optional<String> reason(String html, Document doc) {
    String title = PageText.normalize(doc.title()).toLowerCase(Locale.ROOT);
    if (CHALLENGE_TITLES.contains(title) || BLOCK_TITLE.matcher(title).matches()) {
      return Optional.of(
          "page is a bot challenge (title \"" + PageText.normalize(doc.title()) + "\")");
    }
    return markerIn(html).map(marker -> "page is a bot challenge (marker \"" + marker + "\")");
  }

  private static Optional<String> markerIn(String html) {
    // The markers sit in the head or first scripts; a bounded prefix keeps huge pages cheap.
    String lower = html.substring(0, Math.min(html.length(), 200_000)).toLowerCase(Locale.ROOT);
    for (String marker : CHALLENGE_MARKERS) {
      if (lower.contains(marker)) {
        return Optional.of(marker);
      }
    }
    Matcher m = CHALLENGE_PLATFORM.matcher(lower);
    return m.find() ? Optional.of("challenge-platform") : Optional.empty();
  }
}
