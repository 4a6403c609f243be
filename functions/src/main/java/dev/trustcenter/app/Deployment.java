package dev.trustcenter.app;

import dev.trustcenter.config.Config;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where this process runs, decided once in the composition root ({@link Services}) and asked by
 * every piece of wiring that differs between the local server and a deployed function, so that each
 * such place names what it needs instead of testing for a dev token.
 *
 * <ul>
 *   <li>{@link Mode#LOCAL_SERVER}: the local server. Everything (public API, admin API, tasks,
 *       publisher) shares one process that keeps its CPU between requests; it accepts its dev
 *       token; a bucket or key left unconfigured is a folder in the data directory, and an unset
 *       {@code SITE_BASE_URL} is the server's own address.
 *   <li>{@link Mode#DEPLOYED}: a deployed function. Google ID tokens only, Secret Manager, each
 *       cloud resource it uses must be configured; Cloud Run gives a request CPU only until it is
 *       answered.
 * </ul>
 *
 * <p>With stand-ins ({@code TRUST_CENTER_STAND_INS}, for the deploy-shaped tests only; {@code
 * Config} refuses it where Cloud Run runs), one folder takes the place of the buckets and of the
 * KMS key, and secrets come from the environment with plain SMTP to a loopback host; everything
 * else stays as the mode says.
 *
 * @param mode the local server or a deployed function
 * @param devToken the token the local server accepts on admin and task endpoints; null exactly when
 *     deployed
 * @param dataDir the local server's data directory ({@code TRUST_CENTER_DATA_DIR})
 * @param standIns the stand-ins folder, or null: the real services
 */
record Deployment(Mode mode, String devToken, Path dataDir, Path standIns) {

  /** The two shapes the same function classes run in. */
  enum Mode {
    LOCAL_SERVER,
    DEPLOYED
  }

  Deployment {
    Objects.requireNonNull(mode, "mode");
    if ((mode == Mode.LOCAL_SERVER) != (devToken != null)) {
      throw new IllegalArgumentException("a dev token exactly when running as the local server");
    }
  }

  /**
   * The one decision: a process given a dev token is the local server, one without is a deployed
   * function.
   */
  static Deployment of(Config.Local local, String devToken) {
    return new Deployment(
        devToken != null ? Mode.LOCAL_SERVER : Mode.DEPLOYED,
        devToken,
        local.dataDir(),
        local.standIns());
  }

  /** Whether the admin and task endpoints also accept {@link #devToken}. */
  boolean acceptsDevToken() {
    return mode == Mode.LOCAL_SERVER;
  }

  /**
   * Whether every writer (admin API, tasks, publisher) runs in this same process as the public API:
   * then the public API reads the snapshot on every request, and a change is published in-process
   * rather than by calling {@code publish-site}.
   */
  boolean singleProcess() {
    return mode == Mode.LOCAL_SERVER;
  }

  /**
   * Whether links (the site's base, mailed links, notices) may fall back to the local server's own
   * address when {@code SITE_BASE_URL} is unset; deployed, it is required.
   */
  boolean linksToOwnAddress() {
    return mode == Mode.LOCAL_SERVER;
  }

  /**
   * Whether the publisher purges the CDN: always deployed; locally only when {@code
   * CLOUDFLARE_API_BASE_URL} points it at an API of the developer's choosing, so a local run never
   * purges a real zone by accident.
   */
  boolean purgesCdn(boolean apiBaseUrlSet) {
    return mode == Mode.DEPLOYED || apiBaseUrlSet;
  }

  /**
   * Whether work that follows an answer keeps its CPU: the local server's does; Cloud Run throttles
   * a request's CPU once it is answered.
   */
  boolean keepsCpuAfterAnswer() {
    return mode == Mode.LOCAL_SERVER;
  }

  /**
   * Whether secrets come from the environment ({@code CLOUDFLARE_API_TOKEN}, {@code SMTP_PASSWORD})
   * rather than from Secret Manager: locally and with stand-ins.
   */
  boolean secretsFromEnvironment() {
    return mode == Mode.LOCAL_SERVER || standIns != null;
  }

  /**
   * Whether SMTP to {@code localhost} or {@code 127.0.0.1} (a mail catcher such as Mailpit or
   * GreenMail) may go without TLS: locally and with stand-ins; anything else always needs TLS.
   */
  boolean plainSmtpToLoopback() {
    return mode == Mode.LOCAL_SERVER || standIns != null;
  }

  /**
   * The folder whose files take the place of a cloud resource (a bucket, the KMS key): the
   * stand-ins folder whenever it is set; locally, the data directory when the resource is not
   * configured; otherwise none, and the configured resource is used.
   *
   * @param configured the resource's configured name, or null when its variable is unset
   */
  Optional<Path> folderInsteadOf(Object configured) {
    if (standIns != null) {
      return Optional.of(standIns);
    }
    if (configured == null && mode == Mode.LOCAL_SERVER) {
      return Optional.of(dataDir);
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "Deployment[mode=" + mode + ", dataDir=" + dataDir + ", standIns=" + standIns + "]";
  }
}
