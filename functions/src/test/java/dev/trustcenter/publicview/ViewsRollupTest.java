package dev.trustcenter.publicview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.content.CheckSummary;
import dev.trustcenter.content.Content;
import dev.trustcenter.content.ControlStatus;
import dev.trustcenter.content.Language;
import dev.trustcenter.content.Seed;
import dev.trustcenter.publicview.TrustCenterView.CategoryView;
import dev.trustcenter.publicview.TrustCenterView.StatusCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Statuses rolled up per category and overall, as the public view derives them from the snapshot.
 */
class ViewsRollupTest {
  private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
  private static final Content SEED = Seed.load();

  private static CheckSummary at(CheckOutcome outcome, Duration ago) {
    return CheckSummary.after(null, outcome, NOW.minus(ago));
  }

  private static CategoryView category(TrustCenterView view, String id) {
    return view.categories().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void countsEachStatusPerCategoryAndOverall() {
    Map<String, CheckSummary> checks =
        Map.of(
            "encryption-in-transit", at(CheckOutcome.PASSING, Duration.ofHours(1)),
            "encryption-at-rest", at(CheckOutcome.FAILING, Duration.ofHours(1)),
            "removal-of-access", at(CheckOutcome.PASSING, Duration.ofDays(91)),
            "automated-backup-process", at(CheckOutcome.ERROR, Duration.ofHours(1)));
    PublicSnapshot s = new PublicSnapshot(PublicSnapshot.SCHEMA_VERSION, NOW, NOW, SEED, checks);

    TrustCenterView view = Views.trustCenter(s, Language.EN, NOW, 365);

    int total = SEED.controls().size();
    assertEquals(new StatusCounts(total, 1, 1, 1, total - 3), view.summary());
    // access-security holds in-transit (passing), at-rest (failing) and removal-of-access (90-day
    // period, overdue)
    StatusCounts access = category(view, "access-security").summary();
    assertEquals(1, access.passing());
    assertEquals(1, access.failing());
    assertEquals(1, access.overdue());
    assertEquals(access.total() - 3, access.notYetChecked());
    assertEquals(
        new StatusCounts(
            category(view, "availability").controls().size(),
            0,
            0,
            0,
            category(view, "availability").controls().size()),
        category(view, "availability").summary(),
        "a check that could only error leaves the backup control not yet checked");
    int sum = view.categories().stream().mapToInt(c -> c.summary().total()).sum();
    assertEquals(total, sum, "every control is in exactly one category");
  }

  @Test
  void policiesAreJudgedWithTheConfiguredReviewPeriodAndShowIt() {
    PublicSnapshot s =
        new PublicSnapshot(
            PublicSnapshot.SCHEMA_VERSION,
            NOW,
            NOW,
            SEED,
            Map.of("information-security-policy", at(CheckOutcome.PASSING, Duration.ofDays(200))));

    var strict =
        Views.control(s, "information-security-policy", Language.ES, NOW, 180, HistoryDigest.EMPTY)
            .orElseThrow();
    var yearly =
        Views.control(s, "information-security-policy", Language.ES, NOW, 365, HistoryDigest.EMPTY)
            .orElseThrow();

    assertEquals(ControlStatus.OVERDUE, strict.control().status());
    assertEquals(180, strict.control().periodDays());
    assertEquals(ControlStatus.PASSING, yearly.control().status());
  }
}
