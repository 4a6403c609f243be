package dev.trustcenter.trustcenter;

import dev.trustcenter.content.CheckMethod;
import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.ControlStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The public view of the trust center in one language: the body of {@code GET /v1/trust-center}. */
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

  public record ProfileView(String companyName, String tagline, String overview, String securityContact) {}

  /** How many controls are in each status: the rollup of a category or of the whole trust center. */
  public record StatusCounts(int total, int passing, int failing, int overdue, int notYetChecked) {}

  public record FrameworkView(String id, String name, String version, String description, CertificateView certificate) {}

  public record CertificateView(
      String certificationBody,
      String certificateNumber,
      String scope,
      LocalDate validFrom,
      LocalDate validUntil,
      String verifyUrl) {}

  public record CategoryView(String id, String name, StatusCounts summary, List<ControlView> controls) {}

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

  /** @param upstream its own subprocessor list in brief; null until that list is first synced */
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
   * A subprocessor's own subprocessor list in brief; the entries are at
   * {@code /v1/subprocessors/{id}/entries}.
   */
  public record UpstreamView(int entryCount, Instant lastVerifiedAt, LocalDate pageUpdated, Instant lastChangeAt) {}

  /** The body of {@code GET /v1/subprocessors}. */
  public record SubprocessorList(int schemaVersion, String language, List<SubprocessorView> subprocessors) {}

  /** @param availability {@code public} (see {@code url}) or {@code on_request} */
  public record ResourceView(String id, String title, String owner, String kind, String url, String availability) {}

  /** The body of {@code GET /v1/controls/{id}}. */
  public record ControlDetail(
      int schemaVersion, String language, ControlView control, String categoryName, List<CheckResultView> history) {}

  /** One past check of a control, as the public may see it. */
  public record CheckResultView(CheckOutcome outcome, Instant checkedAt, Object evidence) {}
}
