package dev.trustcenter.store;

/**
 * Which documents of a collection a listing returns, by document id (ids compare as strings, so ids
 * that start with an ISO-8601 instant list in time order).
 *
 * @param fromId lowest id included, or null for no lower bound
 * @param toId first id excluded, or null for no upper bound
 * @param limit at most this many documents (positive)
 * @param descending highest ids first when true
 */
public record Range(String fromId, String toId, int limit, boolean descending) {

  /** Large enough for any collection that is listed whole. */
  public static final int MAX_LIMIT = 10_000;

  public Range {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
  }

  /** Every document, in ascending id order. */
  public static Range all() {
    return new Range(null, null, MAX_LIMIT, false);
  }

  /** The newest {@code limit} documents at or after {@code fromId}, highest id first. */
  public static Range newest(String fromId, int limit) {
    return new Range(fromId, null, limit, true);
  }

  boolean contains(String id) {
    return (fromId == null || id.compareTo(fromId) >= 0)
        && (toId == null || id.compareTo(toId) < 0);
  }
}
