package dev.trustcenter.cloudflare;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One zone setting as Cloudflare reports it.
 *
 * <p>Setting values are strings for most settings ({@code ssl: "strict"}, {@code min_tls_version:
 * "1.2"}, {@code always_use_https: "on"}) and objects for a few ({@code security_header}). The
 * value is kept as JSON text so that this record stays free of Gson types and compares by value;
 * read it with {@link #stringValue()} or {@link #valueAs(Class)}.
 *
 * @param id the setting id, e.g. {@code min_tls_version}
 * @param valueJson the setting's {@code value} as compact JSON text, e.g. {@code "\"1.2\""}; {@code
 *     "null"} when absent
 * @param editable false when the plan does not allow changing it (it is still readable)
 * @param modifiedOn last change, or null when Cloudflare reports none or an unreadable date
 * @see <a
 *     href="https://developers.cloudflare.com/api/resources/zones/subresources/settings/methods/get/">Get
 *     zone setting</a>
 */
public record ZoneSetting(String id, String valueJson, boolean editable, Instant modifiedOn) {

  public ZoneSetting {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(valueJson, "valueJson");
  }

  /**
   * The value when it is a JSON scalar, as text: {@code "strict"}, {@code "1.2"}, {@code "on"};
   * numbers and booleans in their JSON spelling. Empty for objects, arrays and null.
   */
  public Optional<String> stringValue() {
    try {
      JsonElement value = JsonParser.parseString(valueJson);
      return value.isJsonPrimitive()
          ? Optional.of(value.getAsJsonPrimitive().getAsString())
          : Optional.empty();
    } catch (JsonParseException e) {
      return Optional.empty();
    }
  }

  /**
   * The value decoded into {@code type}, with Cloudflare's snake_case fields mapped to camelCase
   * record components. Empty when the value is null or does not fit {@code type}.
   */
  public <T> Optional<T> valueAs(Class<T> type) {
    try {
      return Optional.ofNullable(CloudflareJson.GSON.fromJson(valueJson, type));
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /**
   * The HSTS part of the {@code security_header} setting; empty for any other setting or an
   * unexpected shape.
   */
  public Optional<StrictTransportSecurity> strictTransportSecurity() {
    return valueAs(SecurityHeader.class).map(SecurityHeader::strictTransportSecurity);
  }

  private record SecurityHeader(StrictTransportSecurity strictTransportSecurity) {}
}
