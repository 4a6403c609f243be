package dev.trustcenter.documents;

import dev.trustcenter.content.Language;

/**
 * What gated documents show people from the published content: the company's name (mail subjects,
 * the sender's name, pages) and each document's title (its resource's title), so visitors never see
 * ids.
 */
public interface Published {
  /** The company's name as published, or empty before a profile exists. */
  String companyName();

  /**
   * The title of the document's resource in {@code lang}, or the document's id when it has none.
   */
  String title(String documentId, Language lang);
}
