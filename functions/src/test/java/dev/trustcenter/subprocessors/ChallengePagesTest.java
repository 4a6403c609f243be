package dev.trustcenter.subprocessors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChallengePagesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<html><head><title>Just a moment...</title></head><body></body></html>",
        "<html><head><title> just a\u00A0moment\u2026 </title></head><body></body></html>",
        "<html><head><title>Attention Required! | Cloudflare</title></head><body></body></html>",
        "<html><head><title>Access denied | www.cloudflare.com used Cloudflare to restrict access</title></head></html>",
        "<html><body><div id=\"cf-challenge-running\">x</div></body></html>",
        "<html><body><form id=\"challenge-form\" action=\"/?__cf_chl_f_tk=1\"></form></body></html>",
        "<html><body><script src=\"/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1\"></script></body></html>",
        "<html><body><script>window._cf_chl_opt={cType:'managed'};</script></body></html>",
      })
  void challengeAndBlockPagesAreDetected(String html) {
    assertTrue(ChallengePages.isChallenge(html));
  }

  @Test
  void passiveBotManagementScriptOnANormalPageIsNotAChallenge() {
    assertFalse(
        ChallengePages.isChallenge(
            "<html><head><title>Cloudflare Subprocessors</title></head><body>"
                + "<table><tr><th>Subprocessor</th><th>Location</th></tr></table>"
                + "<script src=\"/cdn-cgi/challenge-platform/scripts/jsd/main.js\"></script></body></html>"));
  }

  @Test
  void pagesThatOnlyMentionTheWordsAreNotChallenges() {
    assertFalse(
        ChallengePages.isChallenge(
            "<html><head><title>Subprocessors</title></head>"
                + "<body><p>Just a moment... we list our challenge partners below.</p></body></html>"));
    assertFalse(ChallengePages.isChallenge(""));
    assertFalse(ChallengePages.isChallenge(null));
  }
}
