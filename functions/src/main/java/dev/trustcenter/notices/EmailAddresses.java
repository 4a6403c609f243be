package dev.trustcenter.notices;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Email syntax as forms accept it (a practical subset of RFC 5321: dot-atom local part, a domain
 * with at least one dot, at most 254 characters) and the free-mail domains that may be refused for
 * access requests.
 */
public final class EmailAddresses {
  private static final Pattern SYNTAX =
      Pattern.compile(
          "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
              + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

  /** Consumer mail providers: requests from these cannot be tied to a company. */
  static final Set<String> FREE_MAIL =
      Set.of(
          "gmail.com",
          "googlemail.com",
          "outlook.com",
          "outlook.es",
          "hotmail.com",
          "hotmail.es",
          "live.com",
          "msn.com",
          "yahoo.com",
          "yahoo.es",
          "ymail.com",
          "icloud.com",
          "me.com",
          "mac.com",
          "aol.com",
          "proton.me",
          "protonmail.com",
          "pm.me",
          "gmx.com",
          "gmx.net",
          "gmx.de",
          "web.de",
          "mail.com",
          "yandex.com",
          "yandex.ru",
          "zoho.com",
          "tutanota.com",
          "tuta.io",
          "fastmail.com",
          "hey.com",
          "qq.com",
          "163.com",
          "126.com",
          "terra.es",
          "telefonica.net",
          "movistar.es");

  private EmailAddresses() {}

  public static boolean valid(String email) {
    return email != null
        && email.length() <= 254
        && SYNTAX.matcher(email).matches()
        && email.indexOf('@') <= 64;
  }

  /** The domain in lower case. */
  public static String domain(String email) {
    return email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
  }

  /** The address with its domain in lower case (the local part is case-sensitive in principle). */
  public static String normalize(String email) {
    int at = email.lastIndexOf('@');
    return email.substring(0, at) + "@" + email.substring(at + 1).toLowerCase(Locale.ROOT);
  }

  /**
   * The mailbox an address delivers to, for per-recipient limits: all in lower case and without a
   * {@code +tag} ({@code Victim+7@Example.com} and {@code victim@example.com} are one mailbox).
   * Only for counting: mail is still sent to the address as given.
   */
  public static String mailbox(String email) {
    int at = email.lastIndexOf('@');
    String local = email.substring(0, at);
    int plus = local.indexOf('+');
    if (plus > 0) {
      local = local.substring(0, plus);
    }
    return (local + "@" + email.substring(at + 1)).toLowerCase(Locale.ROOT);
  }

  public static boolean freeMail(String email) {
    return FREE_MAIL.contains(domain(email));
  }

  /** Whether the address's domain is {@code domain} or one of its subdomains. */
  public static boolean inDomain(String email, String domain) {
    String d = domain(email);
    String want = domain.toLowerCase(Locale.ROOT).replaceFirst("^@", "");
    return d.equals(want) || d.endsWith("." + want);
  }
}
