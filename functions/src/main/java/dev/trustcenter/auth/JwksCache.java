package dev.trustcenter.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The issuer's signing keys, fetched with nimbus and kept for {@link #TTL}. A token naming a key id
 * that is not in the cached set makes it fetch the set again (the issuer rotated its keys), but
 * never more than once per {@link #MIN_INTERVAL} on this instance's clock: a flood of tokens with
 * made-up key ids cannot turn into a flood of requests to the issuer. nimbus's own rate limiter
 * allows two fetches per interval and reads the system clock, so the limit is kept here, where a
 * test can drive the clock.
 *
 * <p>A failed fetch keeps the last good set; with no set at all the token cannot be verified (401).
 */
final class JwksCache implements JWKSource<SecurityContext> {
  private static final Logger LOG = Logger.getLogger(JwksCache.class.getName());
  static final Duration TTL = Duration.ofHours(1);
  static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

  private final URL url;
  private final ResourceRetriever retriever;
  private final Clock clock;
  private JWKSet keys;
  private Instant fetchedAt;
  private Instant lastAttempt;

  /** The keys at {@code jwksUrl}, fetched with 5 s timeouts and at most 256 KiB. */
  static JwksCache at(java.net.URI jwksUrl, Clock clock) {
    try {
      return new JwksCache(
          jwksUrl.toURL(),
          new com.nimbusds.jose.util.DefaultResourceRetriever(5_000, 5_000, 256 * 1024),
          clock);
    } catch (java.net.MalformedURLException e) {
      throw new IllegalArgumentException("invalid JWKS URL", e);
    }
  }

  JwksCache(URL url, ResourceRetriever retriever, Clock clock) {
    this.url = Objects.requireNonNull(url);
    this.retriever = Objects.requireNonNull(retriever);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public synchronized List<JWK> get(JWKSelector selector, SecurityContext context)
      throws KeySourceException {
    Instant now = clock.instant();
    if ((keys == null || !now.isBefore(fetchedAt.plus(TTL))) && mayFetch(now)) {
      fetch(now);
    }
    List<JWK> found = keys == null ? List.of() : selector.select(keys);
    if (found.isEmpty() && mayFetch(now)) {
      fetch(now);
      found = selector.select(keys);
    }
    if (keys == null) {
      throw new KeySourceException("the issuer's keys could not be fetched");
    }
    return found;
  }

  private boolean mayFetch(Instant now) {
    return lastAttempt == null || !now.isBefore(lastAttempt.plus(MIN_INTERVAL));
  }

  private void fetch(Instant now) {
    lastAttempt = now;
    try {
      keys = JWKSet.parse(retriever.retrieveResource(url).getContent());
      fetchedAt = now;
    } catch (IOException | ParseException e) {
      LOG.warning(
          "cannot fetch the issuer's keys from "
              + url
              + ": "
              + e.getClass().getSimpleName()
              + (keys == null ? "" : "; keeping the cached keys"));
    }
  }
}
