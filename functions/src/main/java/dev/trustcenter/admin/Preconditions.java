package dev.trustcenter.admin;

import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.Router;
import java.util.ArrayList;
import java.util.List;

/**
 * The conditions of a write (RFC 9110 section 13): {@code If-Match} (one of these strong entity
 * tags, or {@code *} for "exists") and {@code If-None-Match: *} ("must not exist yet"). Checked
 * inside the write's transaction against the entity as stored; a failed condition answers 412
 * {@code precondition_failed}.
 */
record Preconditions(List<String> ifMatch, boolean ifNoneMatchAny) {

  static Preconditions of(Router.Exchange ex) {
    List<String> tags = new ArrayList<>();
    for (String header : ex.headers("If-Match")) {
      for (String t : header.split(",")) {
        if (!t.isBlank()) {
          tags.add(t.trim());
        }
      }
    }
    boolean noneAny = ex.headers("If-None-Match").stream().anyMatch(h -> h.trim().equals("*"));
    return new Preconditions(List.copyOf(tags), noneAny);
  }

  /**
   * @param currentEtag the stored entity's tag, or null when it does not exist
   */
  void check(String currentEtag) {
    if (!ifMatch.isEmpty()) {
      // Strong comparison: a weak tag (W/"...") never matches.
      boolean hit = currentEtag != null && (ifMatch.contains("*") || ifMatch.contains(currentEtag));
      if (!hit) {
        throw new ApiException(
            412,
            "precondition_failed",
            currentEtag == null
                ? "If-Match given but the entity does not exist; nothing was written"
                : "the entity changed since you read it (If-Match does not match its ETag); nothing was written");
      }
    }
    if (ifNoneMatchAny && currentEtag != null) {
      throw new ApiException(
          412,
          "precondition_failed",
          "If-None-Match: * given but the entity exists; nothing was written");
    }
  }
}
