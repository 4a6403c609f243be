package dev.trustcenter.subprocessors;

/**
 * Parses Cloudflare's list, {@code
 * https://www.cloudflare.com/gdpr/subprocessors/cloudflare-services/}.
 *
 * <p>Expects an affiliates table and one third-party table per product heading; each row's group is
 * the heading (or caption / tab label) above its table, so Cloudflare's own companies and each
 * product family stay apart. The date comes from "Last Updated: Month D, YYYY". A bot challenge
 * (Cloudflare protects its own site) is rejected. The rules live in the shared table engine so that
 * both vendors get the same robustness; vendor quirks, when the real page shows some, go here.
 */
public final class CloudflarePageParser implements SubprocessorPageParser {

  @Override
  public ParsedList parse(String html, String baseUri) throws PageParseException {
    return SubprocessorTables.parse(html, baseUri);
  }
}
