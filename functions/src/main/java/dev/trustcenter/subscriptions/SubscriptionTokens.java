package dev.trustcenter.subscriptions;

import dev.trustcenter.auth.RandomTokens;
import dev.trustcenter.json.Json;
import dev.trustcenter.store.DocumentStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed tokens for the links in subscription mails: {@code <purpose>.<id>.<expiry>.<hmac>}, the
 * HMAC (SHA-256, base64url) over the first three parts with a 256-bit key kept in the store
 * (collection {@code settings}, document {@value #KEY_ID}, created on first use by whichever
 * instance gets there first). Signed rather than stored tokens because every mail carries an
 * unsubscribe link: nothing has to be written per mail, and a link keeps working as long as the key
 * does. Confirmation links expire after 7 days; unsubscribe links never do (RFC 8058 expects them
 * to keep working). A confirmation token names the {@link SubscriptionRequest} it was mailed for,
 * an unsubscribe token the subscriber. Rotating the key (deleting the document) invalidates every
 * outstanding link.
 */
public final class SubscriptionTokens {
  static final String KEY_ID = "subscription-token-key";
  static final String CONFIRM = "c";
  static final String UNSUBSCRIBE = "u";

  private final DocumentStore store;
  private final Clock clock;
  private volatile byte[] key;

  private record Key(String key) {}

  public SubscriptionTokens(DocumentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  private byte[] key() {
    byte[] k = key;
    if (k == null) {
      store.createIfAbsent("settings", KEY_ID, Json.write(new Key(RandomTokens.randomToken(32))));
      String stored =
          Json.read(store.get("settings", KEY_ID).orElseThrow().json(), Key.class).key();
      k = Base64.getUrlDecoder().decode(stored);
      key = k;
    }
    return k;
  }

  /** A token for {@code purpose} and {@code id}; {@code expiresAt} null for no expiry. */
  String issue(String purpose, String id, Instant expiresAt) {
    String body =
        purpose
            + "."
            + id
            + "."
            + (expiresAt == null ? "0" : Long.toString(expiresAt.getEpochSecond()));
    return body + "." + mac(body);
  }

  /** The id (request or subscriber, by purpose) of a valid, unexpired token for {@code purpose}. */
  Optional<String> verify(String purpose, String token) {
    if (token == null || token.length() > 200) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 4
        || !parts[0].equals(purpose)
        || !parts[1].matches(
            purpose.equals(CONFIRM) ? SubscriptionRequest.ID_PATTERN : "[0-9a-f]{32}")
        || !parts[2].matches("[0-9]{1,12}")) {
      return Optional.empty();
    }
    String body = parts[0] + "." + parts[1] + "." + parts[2];
    if (!MessageDigest.isEqual(
        mac(body).getBytes(StandardCharsets.US_ASCII),
        parts[3].getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    long exp = Long.parseLong(parts[2]);
    if (exp != 0 && clock.instant().getEpochSecond() >= exp) {
      return Optional.empty();
    }
    return Optional.of(parts[1]);
  }

  private String mac(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(), "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
