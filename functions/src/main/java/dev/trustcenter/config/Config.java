package dev.trustcenter.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every setting of the trust center, read once from the environment at startup; nothing else reads
 * the environment. A malformed value fails fast with a message naming the variable. A variable that
 * only some functions need may be unset here; the function that needs it checks it with {@link
 * #require} when it starts. Each group of settings is a nested record, documented variable by
 * variable in the README.
 */
public record Config(
    Local local,
    Store store,
    Auth auth,
    Sync sync,
    Cloudflare cloudflare,
    Site site,
    Checks checks,
    Documents documents,
    Mail mail,
    Access access,
    Evidence evidence,
    Changes changes,
    Digest digest) {

  /**
   * The local server.
   *
   * @param port {@code PORT}, default 8080
   * @param dataDir {@code TRUST_CENTER_DATA_DIR}, default {@code ./.trust-center}
   * @param devToken {@code TRUST_CENTER_DEV_TOKEN}; null: a random one is generated and printed at
   *     startup
   * @param standIns {@code TRUST_CENTER_STAND_INS}: for the deploy-shaped tests only, a folder that
   *     stands in for the buckets (its {@code site/}, {@code documents/} and {@code archive/}),
   *     with the secrets taken from {@code CLOUDFLARE_API_TOKEN} and {@code SMTP_PASSWORD} and
   *     plain SMTP to a loopback host, in a function that is otherwise configured as deployed.
   *     Refused where {@code K_SERVICE} is set: Cloud Run (and so every deployed function) always
   *     sets it and does not let a deployment override it. Null: the real services
   * @param bindAddress {@code TRUST_CENTER_BIND_ADDRESS}, default {@code 127.0.0.1}: the interface
   *     to listen on; the server accepts the dev token, so anything but loopback is opt-in (e.g.
   *     {@code 0.0.0.0}) and warned about
   */
  public record Local(int port, Path dataDir, String devToken, Path standIns, String bindAddress) {
    @Override
    public String toString() {
      return "Local[port="
          + port
          + ", dataDir="
          + dataDir
          + ", devToken="
          + (devToken == null ? "unset" : "(set)")
          + ", standIns="
          + standIns
          + ", bindAddress="
          + bindAddress
          + "]";
    }
  }

  /**
   * Firestore and the instance cache of the public snapshot.
   *
   * @param projectId {@code GOOGLE_CLOUD_PROJECT}; null: from the runtime's credentials
   * @param database {@code FIRESTORE_DATABASE}, default {@code (default)}
   * @param emulatorHost {@code FIRESTORE_EMULATOR_HOST}; set: the local server uses Firestore there
   * @param publicCacheSeconds {@code PUBLIC_CACHE_SECONDS}, default 2: how long an instance serves
   *     its copy of the public snapshot before reading it again
   */
  public record Store(
      String projectId, String database, String emulatorHost, int publicCacheSeconds) {}

  /**
   * Who may call the admin and task endpoints.
   *
   * @param adminEmails {@code ADMIN_EMAILS}, comma separated
   * @param audiences {@code OIDC_AUDIENCE}, comma separated
   * @param issuer {@code OIDC_ISSUER}, default {@code https://accounts.google.com}
   * @param jwksUrl {@code OIDC_JWKS_URL}, default Google's certificates
   * @param taskInvokerEmails {@code TASK_INVOKER_EMAILS}, comma separated: service accounts that
   *     may run tasks
   * @param iapAudience {@code IAP_AUDIENCE}: the audience of Identity-Aware Proxy's signed header,
   *     {@code /projects/NUMBER/global/backendServices/ID}; unset: trust-admin ignores that header
   * @param iapJwksUrl {@code IAP_JWKS_URL}, default Google's IAP keys
   */
  public record Auth(
      List<String> adminEmails,
      List<String> audiences,
      String issuer,
      URI jwksUrl,
      List<String> taskInvokerEmails,
      String iapAudience,
      URI iapJwksUrl) {
    public Auth {
      if (iapAudience != null
          && !iapAudience.matches("/projects/[0-9]+/global/backendServices/[0-9]+")) {
        throw new ConfigException(
            "IAP_AUDIENCE must look like /projects/NUMBER/global/backendServices/ID, got \""
                + iapAudience
                + "\"");
      }
    }
  }

  /**
   * The subprocessor sync.
   *
   * @param googleCloudUrl {@code GCP_SUBPROCESSORS_URL}
   * @param cloudflareUrl {@code CLOUDFLARE_SUBPROCESSORS_URL}
   * @param archiveBucket {@code ARCHIVE_BUCKET}; unset: the local data directory
   */
  public record Sync(URI googleCloudUrl, URI cloudflareUrl, String archiveBucket) {}

  /**
   * The Cloudflare API.
   *
   * @param apiBaseUrl {@code CLOUDFLARE_API_BASE_URL}, default {@code
   *     https://api.cloudflare.com/client/v4}; locally the purge runs only when it is set
   *     explicitly
   * @param apiBaseUrlSet whether {@code CLOUDFLARE_API_BASE_URL} was set
   * @param zoneId {@code CLOUDFLARE_ZONE_ID}
   * @param apiTokenSecret {@code CLOUDFLARE_API_TOKEN_SECRET}: a Secret Manager version resource
   *     name
   * @param apiToken {@code CLOUDFLARE_API_TOKEN}: the token itself, for local runs only
   */
  public record Cloudflare(
      URI apiBaseUrl,
      boolean apiBaseUrlSet,
      String zoneId,
      String apiTokenSecret,
      String apiToken) {
    @Override
    public String toString() {
      return "Cloudflare[apiBaseUrl="
          + apiBaseUrl
          + ", zoneId="
          + zoneId
          + ", apiTokenSecret="
          + apiTokenSecret
          + ", apiToken="
          + (apiToken == null ? "unset" : "(set)")
          + "]";
    }
  }

  /**
   * The published site.
   *
   * @param bucket {@code SITE_BUCKET}; unset: a folder in the local data directory
   * @param baseUrl {@code SITE_BASE_URL}: the public https URL of the site, e.g. {@code
   *     https://trust.example.com}
   * @param publishUrl {@code PUBLISH_SITE_URL}: publish-site's URL, called after changes; unset:
   *     not called
   */
  public record Site(String bucket, URI baseUrl, URI publishUrl) {
    /**
     * Where {@code trust-api} answers on the site's host: the local server mounts it here and the
     * load balancer routes this prefix to it ({@code infra/site.tf}), removing the prefix as the
     * local server does.
     */
    public static final String API_PATH = "/api";

    /**
     * The public API's base URL on the site's host ({@code SITE_BASE_URL} + {@link #API_PATH}), or
     * null.
     */
    public URI apiBaseUrl() {
      return baseUrl == null
          ? null
          : URI.create(baseUrl.toString().replaceAll("/+$", "") + API_PATH);
    }
  }

  /**
   * The automated control checks.
   *
   * @param reviewPeriodDays {@code POLICY_REVIEW_DAYS}, default 365: how often policies must be
   *     reviewed
   * @param nonProductionProjects {@code NON_PRODUCTION_PROJECTS}, comma separated: the Google Cloud
   *     projects of the other environments, which production must not be
   * @param dataResidency {@code DATA_RESIDENCY}, comma separated: where the data must stay, as
   *     groups ({@code EU}) or exact Google Cloud locations ({@code europe-west1}); judged by the
   *     Data Residency check
   */
  public record Checks(
      int reviewPeriodDays, List<String> nonProductionProjects, List<String> dataResidency) {}

  /**
   * Gated documents.
   *
   * @param bucket {@code DOCUMENTS_BUCKET}; unset: a folder in the local data directory
   */
  public record Documents(String bucket) {}

  /**
   * Outgoing mail.
   *
   * @param host {@code SMTP_HOST}; unset: mail is not sent
   * @param port {@code SMTP_PORT}, default 587
   * @param username {@code SMTP_USERNAME}
   * @param passwordSecret {@code SMTP_PASSWORD_SECRET}: a Secret Manager version resource name
   * @param password {@code SMTP_PASSWORD}: the password itself, for local runs only
   * @param from {@code MAIL_FROM}
   */
  public record Mail(
      String host, int port, String username, String passwordSecret, String password, String from) {
    @Override
    public String toString() {
      return "Mail[host="
          + host
          + ", port="
          + port
          + ", username="
          + username
          + ", passwordSecret="
          + passwordSecret
          + ", password="
          + (password == null ? "unset" : "(set)")
          + ", from="
          + from
          + "]";
    }
  }

  /**
   * Who gets gated documents without an admin's decision, and who is refused.
   *
   * @param autoApproveDomains {@code ACCESS_AUTO_APPROVE_DOMAINS}, comma separated: requests from
   *     these email domains (and their subdomains) are approved at once for 7 days, when mail can
   *     deliver the links
   * @param refuseFreeMail {@code ACCESS_REFUSE_FREE_MAIL}, default false: refuse requests from free
   *     mail providers (gmail.com, outlook.com, ...)
   * @param clientAddress where public routes take the client's address from, for their limits:
   *     {@code CLIENT_IP_HEADER} ({@code X-Forwarded-For}, the default, or {@code CF-Connecting-IP}
   *     when the origin is reachable only through Cloudflare) and {@code TRUSTED_PROXY_HOPS}
   *     (default 1: Cloud Run's front end; 2 behind Cloudflare), see {@link
   *     dev.trustcenter.http.ClientAddress}
   * @param notifyEmails {@code ACCESS_NOTIFY_EMAILS}, comma separated: who is mailed when a request
   *     awaits a decision; empty: {@code ADMIN_EMAILS}
   */
  public record Access(
      List<String> autoApproveDomains,
      boolean refuseFreeMail,
      dev.trustcenter.http.ClientAddress clientAddress,
      List<String> notifyEmails) {
    public Access(List<String> autoApproveDomains, boolean refuseFreeMail) {
      this(
          autoApproveDomains,
          refuseFreeMail,
          dev.trustcenter.http.ClientAddress.DEFAULT,
          List.of());
    }

    public Access {
      for (String d : autoApproveDomains) {
        if (!d.matches("(?i)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}")) {
          throw new ConfigException(
              "ACCESS_AUTO_APPROVE_DOMAINS must list domains like example.com, got \"" + d + "\"");
        }
      }
      autoApproveDomains =
          autoApproveDomains.stream().map(d -> d.toLowerCase(java.util.Locale.ROOT)).toList();
    }
  }

  /** The configuration of this process, from its environment. */
  /**
   * The public evidence log.
   *
   * @param kmsKey {@code EVIDENCE_LOG_KMS_KEY}: the Cloud KMS key version that signs checkpoints
   *     ({@code projects/.../cryptoKeyVersions/N}, algorithm EC_SIGN_ED25519); required by {@code
   *     publish-site}. Locally, when unset, a key file in the data directory signs them.
   */
  public record Evidence(String kmsKey) {}

  /**
   * The company's own subprocessor changes (GDPR Art. 28(2)).
   *
   * @param subprocessorNoticeDays {@code SUBPROCESSOR_NOTICE_DAYS}, default 30: a change is
   *     scheduled at least this many days ahead, so subscribers have that long to object
   */
  public record Changes(int subprocessorNoticeDays) {}

  /**
   * The admins' daily reminder digest ({@code send-reminders}).
   *
   * @param recipients {@code ADMIN_DIGEST_EMAILS}: comma-separated addresses, each optionally with
   *     its language ({@code ana@example.com:en}; default Spanish); empty: {@code ADMIN_EMAILS}, in
   *     Spanish
   */
  public record Digest(List<String> recipients) {
    public Digest {
      for (String r : recipients) {
        if (!r.matches("[^\\s:@]+@[^\\s:@]+(:(es|en))?")) {
          throw new ConfigException(
              "ADMIN_DIGEST_EMAILS must list addresses, each optionally followed by :es or :en, got \""
                  + r
                  + "\"");
        }
      }
      recipients = List.copyOf(recipients);
    }
  }

  public static Config load() {
    return fromEnvironment(System.getenv());
  }

  /**
   * The configuration of a deployed function, from its environment.
   *
   * @throws ConfigException naming the first of the function's required variables that is not set
   */
  public static Config load(DeployedFunction function) {
    return forFunction(function, System.getenv());
  }

  /** {@link #load(DeployedFunction)} on an environment map. */
  public static Config forFunction(DeployedFunction function, Map<String, String> env) {
    for (String name : function.requiredVariables()) {
      String v = env.get(name);
      if (v == null || v.isBlank()) {
        throw new ConfigException(
            name + " is required by " + function.deployedName() + " but not set");
      }
    }
    return fromEnvironment(env);
  }

  /** The configuration described by an environment map (tests pass their own). */
  public static Config fromEnvironment(Map<String, String> env) {
    Reader r = new Reader(env);
    String cloudflareBase = r.text("CLOUDFLARE_API_BASE_URL", null);
    String standIns = r.text("TRUST_CENTER_STAND_INS", null);
    if (standIns != null && r.text("K_SERVICE", null) != null) {
      throw new ConfigException(
          "TRUST_CENTER_STAND_INS is only for the deploy-shaped tests and is refused where K_SERVICE"
              + " is set (Cloud Run, Cloud Functions): remove it from the function's environment");
    }
    return new Config(
        new Local(
            r.integer("PORT", 8080, 0, 65535),
            Path.of(r.text("TRUST_CENTER_DATA_DIR", "./.trust-center")),
            r.secret("TRUST_CENTER_DEV_TOKEN", 24),
            standIns == null ? null : Path.of(standIns),
            r.text("TRUST_CENTER_BIND_ADDRESS", "127.0.0.1")),
        new Store(
            r.text("GOOGLE_CLOUD_PROJECT", null),
            r.text("FIRESTORE_DATABASE", "(default)"),
            r.text("FIRESTORE_EMULATOR_HOST", null),
            r.integer("PUBLIC_CACHE_SECONDS", 2, 0, 3600)),
        new Auth(
            r.list("ADMIN_EMAILS"),
            r.list("OIDC_AUDIENCE"),
            r.text("OIDC_ISSUER", "https://accounts.google.com"),
            r.url("OIDC_JWKS_URL", "https://www.googleapis.com/oauth2/v3/certs"),
            r.list("TASK_INVOKER_EMAILS"),
            r.text("IAP_AUDIENCE", null),
            r.url("IAP_JWKS_URL", "https://www.gstatic.com/iap/verify/public_key-jwk")),
        new Sync(
            r.url("GCP_SUBPROCESSORS_URL", "https://cloud.google.com/terms/subprocessors"),
            r.url(
                "CLOUDFLARE_SUBPROCESSORS_URL",
                "https://www.cloudflare.com/gdpr/subprocessors/cloudflare-services/"),
            r.text("ARCHIVE_BUCKET", null)),
        new Cloudflare(
            r.url("CLOUDFLARE_API_BASE_URL", "https://api.cloudflare.com/client/v4"),
            cloudflareBase != null,
            r.text("CLOUDFLARE_ZONE_ID", null),
            r.text("CLOUDFLARE_API_TOKEN_SECRET", null),
            r.secret("CLOUDFLARE_API_TOKEN", 1)),
        new Site(
            r.text("SITE_BUCKET", null),
            r.url("SITE_BASE_URL", null),
            r.url("PUBLISH_SITE_URL", null)),
        new Checks(
            r.integer("POLICY_REVIEW_DAYS", 365, 1, 3650),
            r.list("NON_PRODUCTION_PROJECTS"),
            r.list("DATA_RESIDENCY")),
        new Documents(r.text("DOCUMENTS_BUCKET", null)),
        new Mail(
            r.text("SMTP_HOST", null),
            r.integer("SMTP_PORT", 587, 1, 65535),
            r.text("SMTP_USERNAME", null),
            r.text("SMTP_PASSWORD_SECRET", null),
            r.secret("SMTP_PASSWORD", 1),
            r.text("MAIL_FROM", null)),
        new Access(
            r.list("ACCESS_AUTO_APPROVE_DOMAINS"),
            r.bool("ACCESS_REFUSE_FREE_MAIL", false),
            clientAddress(
                r.text("CLIENT_IP_HEADER", "X-Forwarded-For"),
                r.integer("TRUSTED_PROXY_HOPS", 1, 1, 10)),
            r.list("ACCESS_NOTIFY_EMAILS").isEmpty()
                ? r.list("ADMIN_EMAILS")
                : r.list("ACCESS_NOTIFY_EMAILS")),
        new Evidence(r.text("EVIDENCE_LOG_KMS_KEY", null)),
        new Changes(r.integer("SUBPROCESSOR_NOTICE_DAYS", 30, 1, 365)),
        new Digest(
            r.list("ADMIN_DIGEST_EMAILS").isEmpty()
                ? r.list("ADMIN_EMAILS")
                : r.list("ADMIN_DIGEST_EMAILS")));
  }

  private static dev.trustcenter.http.ClientAddress clientAddress(String header, int hops) {
    if (header.equalsIgnoreCase("CF-Connecting-IP")) {
      return new dev.trustcenter.http.ClientAddress(true, 1);
    }
    if (!header.equalsIgnoreCase("X-Forwarded-For")) {
      throw new ConfigException(
          "CLIENT_IP_HEADER must be X-Forwarded-For or CF-Connecting-IP, got \"" + header + "\"");
    }
    return new dev.trustcenter.http.ClientAddress(false, hops);
  }

  /**
   * Returns {@code value} or fails naming the variable, for settings that only some functions need.
   *
   * @throws ConfigException if the value is null or an empty list
   */
  public static <T> T require(T value, String variable) {
    if (value == null || (value instanceof List<?> l && l.isEmpty())) {
      throw new ConfigException(variable + " is required but not set");
    }
    return value;
  }

  /** Reads and checks variables, naming the variable in every failure. */
  static final class Reader {
    private final Map<String, String> env;

    Reader(Map<String, String> env) {
      this.env = Objects.requireNonNull(env);
    }

    String text(String name, String fallback) {
      String v = env.get(name);
      return v == null || v.isBlank() ? fallback : v.trim();
    }

    /** A secret given directly (local runs only); its value never appears in a failure message. */
    String secret(String name, int minLength) {
      String v = text(name, null);
      if (v != null && v.length() < minLength) {
        throw new ConfigException(name + " must be at least " + minLength + " characters long");
      }
      return v;
    }

    /** A comma-separated list; empty when unset. */
    List<String> list(String name) {
      String v = text(name, null);
      if (v == null) {
        return List.of();
      }
      return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** An absolute http(s) URL. */
    URI url(String name, String fallback) {
      String v = text(name, fallback);
      if (v == null) {
        return null;
      }
      try {
        URI u = new URI(v);
        if (u.getScheme() == null
            || !(u.getScheme().equals("https") || u.getScheme().equals("http"))
            || u.getHost() == null) {
          throw new ConfigException(name + " must be an absolute http(s) URL, got \"" + v + "\"");
        }
        return u;
      } catch (java.net.URISyntaxException e) {
        throw new ConfigException(name + " must be an absolute http(s) URL, got \"" + v + "\"");
      }
    }

    boolean bool(String name, boolean fallback) {
      String v = text(name, null);
      if (v == null) {
        return fallback;
      }
      return switch (v.toLowerCase(java.util.Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new ConfigException(name + " must be true or false, got \"" + v + "\"");
      };
    }

    int integer(String name, int fallback, int min, int max) {
      String v = text(name, null);
      if (v == null) {
        return fallback;
      }
      int n;
      try {
        n = Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new ConfigException(name + " must be a whole number, got \"" + v + "\"");
      }
      if (n < min || n > max) {
        throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + v);
      }
      return n;
    }
  }
}
