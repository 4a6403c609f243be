package dev.trustcenter.i18n;

import dev.trustcenter.site.SiteRenderer;
import java.util.List;
import java.util.Map;

/**
 * What the templates in {@code static/templates/} are rendered from. Every string here is plain
 * text: Mustache escapes it. Only values built by {@link SiteRenderer} from checked URLs ({@link
 * Link#href}) become links. Public so that Mustache can read the record accessors reflectively.
 */
public final class PageModel {
  private PageModel() {}

  /** What every page of one language has: head, header and footer. */
  public record Frame(
      String lang,
      Map<String, String> m,
      String pageTitle,
      String pageDescription,
      String canonical,
      List<Alternate> alternates,
      String feedHref,
      String cssHref,
      String jsHref,
      String homeHref,
      String siteTitle,
      String switchHref,
      String switchLang,
      String switchLabel,
      Link securityContact,
      String securityTxtHref) {}

  public record Alternate(String hreflang, String href) {}

  /**
   * A link when {@code linked}, else {@code text} alone (a URL from the data that is not safe to
   * link).
   */
  public record Link(boolean linked, String href, String text) {}

  /**
   * A date or time: machine-readable {@code iso}, localized {@code text}; {@code relative} lets the
   * script add "3 days ago".
   */
  public record Time(String iso, String text, boolean relative) {}

  /**
   * A control status or check outcome: {@code code} selects the style and symbol, {@code label} is
   * the word.
   */
  public record Status(String code, String label, String help) {}

  public record Count(String code, String label, int count) {}

  public record IndexPage(
      String tagline,
      String overview,
      Time lastUpdated,
      List<Count> rollup,
      String rollupTotal,
      List<Status> legend,
      List<CategoryItem> categories,
      List<FrameworkItem> frameworks,
      List<SubprocessorItem> subprocessors,
      List<ResourceGroup> resourceGroups,
      String subscribeHref,
      String requestDocumentsHref,
      DataLocationItem dataLocation,
      UpcomingSection upcoming) {}

  /**
   * The company's own subprocessor changes scheduled ahead (GDPR Art. 28); absent when there are
   * none.
   */
  public record UpcomingSection(List<UpcomingItem> items) {}

  /**
   * One scheduled change: its title, details, effective day and objection deadline, in words.
   *
   * @param anchor the element id, {@code upcoming-<change id>}, which the feed links to
   */
  public record UpcomingItem(
      String anchor, String title, List<String> details, Time effective, String deadline) {}

  /**
   * Where the data is, as the deployment reported it to the Data Residency check.
   *
   * @param places each place with its location; empty when not read
   * @param readAt when the locations were read, null when never
   * @param verdict whether they are inside the declared regions, in words, or null
   * @param state {@code read}, {@code local} (embedded store) or {@code not-read}
   */
  public record DataLocationItem(
      List<Fact> places, Time readAt, String verdict, String state, String controlHref) {
    public boolean read() {
      return state.equals("read");
    }

    public boolean local() {
      return state.equals("local");
    }

    public boolean notRead() {
      return state.equals("not-read");
    }
  }

  /**
   * A group of controls; {@code open} when it holds a control that needs attention (failing or
   * overdue).
   */
  public record CategoryItem(
      String slug, String name, String countText, boolean open, List<Markup> controls) {}

  /**
   * Markup a template rendered (every value in it escaped as usual), put into another template as
   * it is ({@code {{{html}}}}): the trust center page's control lines, each rendered once and kept
   * while the control's view is unchanged. Never data.
   */
  public record Markup(String html) {}

  public record ControlItem(
      String href,
      String title,
      String description,
      Status status,
      String method,
      String period,
      Time lastChecked) {}

  public record FrameworkItem(
      String slug,
      String name,
      String version,
      String description,
      CertificateItem certificate,
      ResourceItem report) {}

  public record CertificateItem(List<Fact> facts, String expired, Link verify) {}

  public record Fact(String label, String value) {}

  public record SubprocessorItem(
      String slug,
      String name,
      String purpose,
      String locations,
      String notes,
      List<Link> links,
      UpstreamItem upstream) {}

  public record UpstreamItem(
      String entries,
      Time verified,
      Time pageUpdated,
      Time lastChange,
      String stale,
      String listHref,
      String viewAll) {}

  public record ResourceGroup(String heading, List<ResourceItem> items) {}

  /**
   * A resource: {@code link} null means "available on request", and {@code requestHref} is then the
   * access request form for it.
   */
  public record ResourceItem(String title, Link link, String requestHref) {}

  /**
   * A control's page: its facts, what its check tests, the last result with its public evidence,
   * and its history summarized (a daily strip, the changes between passing and failing, the latest
   * few results) so the page stays small however often the control is checked.
   */
  public record ControlPage(
      String title,
      String description,
      Status status,
      String categoryName,
      String categoryHref,
      String method,
      String period,
      Time lastChecked,
      Status lastOutcome,
      Time lastPassing,
      Time nextDue,
      boolean nextDuePast,
      String checkTests,
      LastResult last,
      String daysSummary,
      List<DayItem> days,
      boolean hasTransitions,
      List<TransitionItem> transitions,
      boolean hasHistory,
      String historyCaption,
      List<HistoryItem> history) {}

  /**
   * The newest check: {@code reason} is why it failed or could not run, {@code note} an
   * attestation's note (both only where public; {@code reasonLang} is their language when known);
   * {@code evidence} the public observed values; {@code hidden} says the details are not public.
   */
  public record LastResult(
      Time at,
      Status outcome,
      String reason,
      String reasonLang,
      boolean hasEvidence,
      List<Fact> evidence,
      Link evidenceLink,
      boolean hidden) {}

  /** One day of the strip: {@code code} styles it, {@code text} says it in words. */
  public record DayItem(String code, String text) {}

  public record TransitionItem(Time at, Status to, String text) {}

  public record HistoryItem(Time checkedAt, Status outcome, String note, String noteLang) {}

  public record UpstreamPage(
      String heading,
      String intro,
      String entries,
      Time verified,
      Time pageUpdated,
      Time lastChange,
      String stale,
      Link source,
      String subprocessorsHref,
      String contentLang,
      List<EntryGroup> groups,
      boolean hasChanges,
      List<ChangeItem> changes) {}

  public record EntryGroup(String caption, List<EntryRow> rows) {}

  public record EntryRow(String name, String activity, String countries) {}

  public record ChangeItem(Time at, String kind, String name, String group) {}

  /** The language chooser at {@code /} and the 404 page, which speak both languages. */
  public record Bilingual(
      String canonical,
      List<Alternate> alternates,
      String cssHref,
      String jsHref,
      LangBlock es,
      LangBlock en) {}

  public record LangBlock(String siteTitle, Map<String, String> m) {}
}
