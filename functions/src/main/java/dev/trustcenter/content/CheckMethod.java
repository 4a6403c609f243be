package dev.trustcenter.content;

import com.google.gson.annotations.SerializedName;

/** How a control is checked. */
public enum CheckMethod {
  /** Code inspects real configuration on a schedule. */
  @SerializedName("automated")
  AUTOMATED,
  /** An admin records that it was done, with a note and an evidence link. */
  @SerializedName("manual_attestation")
  MANUAL_ATTESTATION,
  /** A policy or plan reviewed at least every {@code periodDays} days. */
  @SerializedName("periodic_review")
  PERIODIC_REVIEW
}
