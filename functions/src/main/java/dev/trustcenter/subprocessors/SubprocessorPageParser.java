package dev.trustcenter.subprocessors;

/**
 * Turns the HTML of one vendor's subprocessor page into a {@link ParsedList}.
 *
 * <p>Contract: pure (no network, no store, no clock); for any input string it either returns a
 * non-empty list or throws {@link PageParseException} with a human reason, never another exception.
 * It fails on a bot-challenge page, when no table with a name and a country column is found, when
 * such a table lacks a required column, and when no row could be read.
 */
public interface SubprocessorPageParser {

  /**
   * @param html the page body as fetched (may be anything, including garbage)
   * @param baseUri the URL it was fetched from, used to resolve relative links; may be {@code ""}
   */
  ParsedList parse(String html, String baseUri) throws PageParseException;
}
