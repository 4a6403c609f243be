package dev.trustcenter.subprocessors;

import java.net.URI;

/**
 * Fetches a vendor's published subprocessor page. Adapter: {@code okhttp.OkHttpVendorPages}.
 *
 * <p>Contract: answers only a page that is usable evidence: a 2xx HTML answer from the vendor's own
 * host, of bounded size, that is not a bot challenge. Anything else is a {@link FetchException}
 * whose message says why, so that the caller keeps its last good list.
 */
@FunctionalInterface
public interface VendorPages {

  /**
   * @param url the page's canonical URL
   * @throws FetchException the page could not be fetched as usable evidence (after any retries)
   */
  FetchedPage fetch(URI url) throws FetchException;
}
