package dev.trustcenter.publicview;

import dev.trustcenter.content.CheckMethod;
import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.ControlStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The public view of the trust center in one language: the body of {@code GET /v1/trust-center}.
 */
public record TrustCenterView(
    int schemaVersion,
    String language,
    Instant generatedAt,
    Instant lastUpdated,
    ProfileView profile,
    StatusCounts summary,
    List<FrameworkView> frameworks,
    List<CategoryView> categories,
    List<SubprocessorView> subprocessors,
    List<ResourceView> resources) {

  public record ProfileView(
      String companyName, String tagline, String overview, String securityContact) {}

  /**
   * How many controls are in each status: the rollup of a category or of the whole trust center.
   */
  public record StatusCounts(int total, int passing, int failing, int overdue, int notYetChecked) {}

  public record FrameworkView(
      String id, String name, String version, String description, CertificateView certificate) {}

  public record CertificateView(
      String certificationBody,
      String certificateNumber,
      String scope,
      LocalDate validFrom,
      LocalDate validUntil,
      String verifyUrl) {}

  public record CategoryView(
      String id, String name, StatusCounts summary, List<ControlView> controls) {}

  /**
   * @param status derived at the time of the answer
   * @param lastCheckedAt when the control was last checked, null if never
   * @param lastOutcome the outcome of that check, null if never checked
   */
  public record ControlView(
      String id,
      String categoryId,
      String title,
      String description,
      CheckMethod checkMethod,
      int periodDays,
      ControlStatus status,
      Instant lastCheckedAt,
      CheckOutcome lastOutcome) {}

  /**
   * @param upstream its own subprocessor list in brief; null until that list is first synced
   */
  public record SubprocessorView(
      String id,
      String name,
      String purpose,
      List<String> dataLocations,
      String subprocessorListUrl,
      String dpaUrl,
      String notes,
      UpstreamView upstream) {}

  /**
   * A subprocessor's own subprocessor list in brief; the entries are at {@code
   * /v1/subprocessors/{id}/entries}.
   */
  public record UpstreamView(
      int entryCount, Instant lastVerifiedAt, LocalDate pageUpdated, Instant lastChangeAt) {}

  /** The body of {@code GET /v1/subprocessors}. */
  public record SubprocessorList(
      int schemaVersion, String language, List<SubprocessorView> subprocessors) {}

  /**
   * @param availability {@code public} (see {@code url}) or {@code on_request}
   */
  public record ResourceView(
      String id, String title, String owner, String kind, String url, String availability) {}

  /**
   * The body of {@code GET /v1/controls/{id}}: the control and its history summarized, so its size
   * does not grow with how often the control is checked.
   *
   * @param lastResult the newest check result, null if never checked
   * @param lastPassingAt when it last passed, null if never
   * @param nextDueAt when a new passing check is due (the last passing check plus the period; the
   *     control turns overdue then), null if it never passed
   * @param daily the last {@link Views#DAYS} days, oldest first, ending on the day of the answer
   *     (UTC)
   * @param transitions the changes between passing and failing in those days, newest first, at most
   *     {@link Views#TRANSITIONS}; checks that could not run are no change
   * @param history the most recent results, newest first, at most {@link Views#RECENT}
   */
  public record ControlDetail(
      int schemaVersion,
      String language,
      ControlView control,
      String categoryName,
      CheckResultView lastResult,
      Instant lastPassingAt,
      Instant nextDueAt,
      List<DayView> daily,
      List<TransitionView> transitions,
      List<CheckResultView> history) {}

  /**
   * One past check of a control, as the public may see it.
   *
   * @param evidence the observed values; null unless the check's evidence is public
   * @param note what was wrong, why the check could not run, or the attestation's note; null unless
   *     public
   * @param evidenceUrl the link to an attestation's or review's evidence; null unless public
   * @param checkId the automated check that ran (e.g. {@code cloudflare-zone-tls}); null for
   *     attestations and reviews (who recorded them is not public)
   */
  public record CheckResultView(
      CheckOutcome outcome,
      Instant checkedAt,
      Object evidence,
      String note,
      String evidenceUrl,
      String checkId) {
    /** A result without note, link or check id. */
    public CheckResultView(CheckOutcome outcome, Instant checkedAt, Object evidence) {
      this(outcome, checkedAt, evidence, null, null, null);
    }
  }

  /**
   * One day of a control's checks.
   *
   * @param outcome {@code failing} if a check failed that day, else {@code passing} if one passed,
   *     else {@code error} if checks only could not run, else {@code none} (not checked that day)
   * @param checks how many checks were recorded that day
   */
  public record DayView(LocalDate date, String outcome, int checks) {}

  /** A change between passing and failing: the first check with the new outcome. */
  public record TransitionView(Instant at, CheckOutcome from, CheckOutcome to) {}
}
