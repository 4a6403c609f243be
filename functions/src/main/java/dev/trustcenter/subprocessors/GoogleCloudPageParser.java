package dev.trustcenter.subprocessors;

/**
 * Parses Google Cloud's list, {@code https://cloud.google.com/terms/subprocessors} (devsite).
 *
 * <p>Expects the "Google Group Subprocessors" and "Third-Party Subprocessors" tables; each row's
 * group is the heading above its table (or the devsite tab label), the country is taken from
 * "Country where processing is performed" rather than "Country of registration", and the date from
 * "Last modified: Month D, YYYY". The rules live in the shared table engine so that both vendors
 * get the same robustness; vendor quirks, when the real page shows some, go here.
 */
public final class GoogleCloudPageParser implements SubprocessorPageParser {

  @Override
  public ParsedList parse(String html, String baseUri) throws PageParseException {
    return SubprocessorTables.parse(html, baseUri);
  }
}
