package dev.trustcenter.subprocessors;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Maps header labels to the logical columns by keyword, never by position.
 *
 * <p>The country column is chosen first because its keywords are the most specific, then the name
 * among the other columns, then the activity among the rest. Within a kind the best score wins and
 * ties go to the leftmost column. "Country where processing is performed" outranks a plain
 * "Country"/"Location", which outranks "Country of registration" (only used when nothing better
 * exists, since it is still a country the entity is tied to).
 */
final class Columns {

  /** Column indexes of one table; {@code -1} when absent. */
  record Mapping(int name, int country, int activity) {
    boolean complete() {
      return name >= 0 && country >= 0;
    }
  }

  /** Longer labels are sentences in a data row, not headers. */
  private static final int MAX_HEADER_LENGTH = 120;

  private static final Pattern WORD_NAME = Pattern.compile("\\bnames?\\b");
  private static final Pattern SUBPROCESSOR =
      Pattern.compile("sub[\\s-]?processors?|subcontractors?");
  private static final Pattern ENTITY =
      Pattern.compile("\\b(?:entity|entities|company|companies|legal entity)\\b");
  private static final Pattern PARTY =
      Pattern.compile(
          "\\b(?:vendors?|suppliers?|providers?|organi[sz]ations?|third[\\s-]part(?:y|ies)|partners?|processors?|affiliates?)\\b");

  /**
   * Words that make a label something else than the entity name ("Company number", "Parent
   * company").
   */
  private static final Pattern NOT_NAME =
      Pattern.compile(
          "\\b(?:number|no\\.?|nr\\.?|id|#|parent|address|country|countries|location|locations|region|date|"
              + "website|url|contact|email|e-mail|registration|activity|activities|purpose|function|type|"
              + "description|category|categories|ownership)\\b");

  private static final Pattern PRODUCT_OR_SERVICE =
      Pattern.compile("\\b(?:products?|services?|service\\(s\\))\\b");

  private static final Pattern PROCESSING_PLACE =
      Pattern.compile(
          "where\\s+(?:the\\s+)?(?:processing|data)|processing\\s+(?:location|country|countr)|"
              + "(?:location|country|countries|place)s?\\s+of\\s+(?:the\\s+)?(?:data\\s+)?processing|"
              + "data\\s+(?:location|residency)|hosting\\s+location");
  private static final Pattern COUNTRY =
      Pattern.compile("\\b(?:country|countries|locations?|country\\(ies\\)|location\\(s\\))\\b");
  private static final Pattern REGION =
      Pattern.compile("\\b(?:regions?|jurisdictions?|geograph\\w*)\\b");
  private static final Pattern REGISTRATION =
      Pattern.compile(
          "registration|registered|incorporat\\w*|headquarter\\w*|domicile|head office|seat|establishment");
  private static final Pattern ADDRESS = Pattern.compile("\\baddress\\b");

  private static final Pattern ACTIVITY =
      Pattern.compile("\\b(?:activity|activities|processing operations?)\\b");
  private static final Pattern FUNCTION = Pattern.compile("\\b(?:functions?|purposes?|nature)\\b");
  private static final Pattern DESCRIPTION =
      Pattern.compile("\\b(?:description|role|tasks?|subject matter)\\b");
  private static final Pattern SERVICE =
      Pattern.compile("\\b(?:services?|service\\(s\\)|products?)\\b");

  /** "Type of processing", "Processing details", "Scope": weaker than the labels above. */
  private static final Pattern PROCESSING = Pattern.compile("\\b(?:processing|scope|details)\\b");

  private Columns() {}

  /** Maps one header row (labels already reduced with {@link PageText#headerKey}). */
  static Mapping map(List<String> labels) {
    int country = best(labels, -1, -1, Columns::countryScore);
    int name = best(labels, country, -1, Columns::nameScore);
    int activity = best(labels, country, name, Columns::activityScore);
    return new Mapping(name, country, activity);
  }

  /**
   * True when the name label clearly denotes a subprocessor ("Subprocessor", "Entity name"): such a
   * table without a country column is a broken list, not an unrelated table.
   */
  static boolean isStrongName(String label) {
    return label.length() <= MAX_HEADER_LENGTH && nameScore(label) >= 70;
  }

  /** True when the name column also holds the address, so only its first line is the name. */
  static boolean nameHoldsAddress(String label) {
    return ADDRESS.matcher(label).find();
  }

  /** Labels of a change log ("Date added", "Change"), which lists names without countries. */
  static boolean isChangeLog(List<String> labels) {
    return labels.stream()
        .anyMatch(l -> l.matches(".*\\b(?:date|added|removed|change|changes|effective)\\b.*"));
  }

  private interface Score {
    int of(String label);
  }

  private static int best(List<String> labels, int taken1, int taken2, Score score) {
    int best = -1;
    int bestScore = 0;
    for (int i = 0; i < labels.size(); i++) {
      if (i == taken1 || i == taken2 || labels.get(i).length() > MAX_HEADER_LENGTH) {
        continue;
      }
      // Strict ">": a colspan header repeats its label, and its first slot is the column.
      int s = score.of(labels.get(i));
      if (s > bestScore) {
        best = i;
        bestScore = s;
      }
    }
    return best;
  }

  static int countryScore(String label) {
    if (label.isEmpty()) {
      return 0;
    }
    boolean countryWord = COUNTRY.matcher(label).find();
    if (PROCESSING_PLACE.matcher(label).find()) {
      return 100;
    }
    if (ADDRESS.matcher(label).find() && !countryWord) {
      return 0;
    }
    if (countryWord || REGION.matcher(label).find()) {
      int base = countryWord ? 50 : 30;
      return REGISTRATION.matcher(label).find() ? 10 : base;
    }
    return 0;
  }

  static int nameScore(String label) {
    if (label.isEmpty()) {
      return 0;
    }
    boolean named = WORD_NAME.matcher(label).find();
    boolean sub = SUBPROCESSOR.matcher(label).find();
    boolean entity = ENTITY.matcher(label).find();
    boolean party = PARTY.matcher(label).find();
    // "Name and address of the subprocessor": the name is the cell's first line.
    if (named && ADDRESS.matcher(label).find() && !COUNTRY.matcher(label).find()) {
      return 75;
    }
    if (NOT_NAME.matcher(label).find()) {
      return 0;
    }
    // "Relevant Service(s)" or "Product" is what the entity serves, unless it says "name of the
    // provider".
    if (PRODUCT_OR_SERVICE.matcher(label).find()
        && !(sub || entity || label.contains("provider"))) {
      return 0;
    }
    if (named && (sub || entity || party)) {
      return 100;
    }
    if (sub) {
      return 90;
    }
    if (entity) {
      return 80;
    }
    if (named) {
      return 60;
    }
    return party ? 50 : 0;
  }

  static int activityScore(String label) {
    if (label.isEmpty()
        || COUNTRY.matcher(label).find()
        || WORD_NAME.matcher(label).find()
        || ADDRESS.matcher(label).find()) {
      return 0;
    }
    if (ACTIVITY.matcher(label).find()) {
      return 100;
    }
    if (FUNCTION.matcher(label).find()) {
      return 90;
    }
    if (DESCRIPTION.matcher(label).find()) {
      return 70;
    }
    if (PROCESSING.matcher(label).find()) {
      return 60;
    }
    return SERVICE.matcher(label).find() ? 50 : 0;
  }
}
