package dev.trustcenter.content;

import com.google.gson.annotations.SerializedName;

/** The outcome of one check of a control. {@code ERROR} means the check itself could not run. */
public enum CheckOutcome {
  @SerializedName("passing")
  PASSING,
  @SerializedName("failing")
  FAILING,
  @SerializedName("error")
  ERROR
}
