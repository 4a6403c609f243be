package dev.trustcenter.auth;

/** Comparing email addresses from tokens with the configured allow-lists. */
final class Emails {
  private Emails() {}

  /**
   * {@code email} with A-Z lowered and every other character unchanged. {@code String.toLowerCase}
   * would fold non-ASCII letters too ({@code "İ"}, the Kelvin sign {@code "K"}), letting a
   * different mailbox compare equal to an admin's.
   */
  static String asciiLowerCase(String email) {
    StringBuilder out = new StringBuilder(email.length());
    for (int i = 0; i < email.length(); i++) {
      char c = email.charAt(i);
      out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return out.toString();
  }
}
