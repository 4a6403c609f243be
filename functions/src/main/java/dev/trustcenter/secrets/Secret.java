package dev.trustcenter.secrets;

/** The secrets the trust center uses, with the variables that configure them. */
public enum Secret {
  /** The Cloudflare API token (zone settings read, cache purge). */
  CLOUDFLARE_API_TOKEN("CLOUDFLARE_API_TOKEN_SECRET", "CLOUDFLARE_API_TOKEN"),
  /** The SMTP password of outgoing mail. */
  SMTP_PASSWORD("SMTP_PASSWORD_SECRET", "SMTP_PASSWORD");

  private final String versionVariable;
  private final String valueVariable;

  Secret(String versionVariable, String valueVariable) {
    this.versionVariable = versionVariable;
    this.valueVariable = valueVariable;
  }

  /** The variable holding the Secret Manager version resource name (deployed). */
  public String versionVariable() {
    return versionVariable;
  }

  /** The variable holding the value itself (local run). */
  public String valueVariable() {
    return valueVariable;
  }
}
