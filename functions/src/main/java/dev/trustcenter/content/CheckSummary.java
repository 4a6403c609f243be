package dev.trustcenter.content;

import java.time.Instant;

/**
 * The latest facts about a control's checks, kept up to date as results are recorded; enough to derive its
 * status without reading the history.
 *
 * @param lastOutcome the outcome of the most recent check
 * @param lastCheckedAt when the most recent check ran
 * @param lastPassingAt when the most recent passing check ran, or null if none ever passed
 */
public record CheckSummary(CheckOutcome lastOutcome, Instant lastCheckedAt, Instant lastPassingAt) {}
