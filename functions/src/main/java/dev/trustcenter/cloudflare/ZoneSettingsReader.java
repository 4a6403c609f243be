package dev.trustcenter.cloudflare;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.Request;

/** Reads zone settings (for the Encryption-in-Transit control). Needs Zone Settings Read. */
final class ZoneSettingsReader {
  private final CloudflareHttp http;

  ZoneSettingsReader(CloudflareHttp http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  /** See {@link CloudflareClient#zoneSetting}. */
  ZoneSetting zoneSetting(String zoneId, String settingId) {
    CloudflareHttp.requireId(settingId, "settingId");
    Request request =
        CloudflareHttp.get(
            http.url("zones", CloudflareHttp.requireId(zoneId, "zoneId"), "settings", settingId));
    return http.call(
        request, result -> toZoneSetting(CloudflareJson.GSON.fromJson(result, SettingJson.class)));
  }

  /** See {@link CloudflareClient#zoneSettings}. */
  Map<String, ZoneSetting> zoneSettings(String zoneId) {
    Request request =
        CloudflareHttp.get(
            http.url("zones", CloudflareHttp.requireId(zoneId, "zoneId"), "settings"));
    return http.call(
        request,
        result -> {
          List<SettingJson> settings =
              CloudflareJson.GSON.fromJson(result, new TypeToken<List<SettingJson>>() {}.getType());
          if (settings == null) {
            throw new JsonParseException("result is not a list");
          }
          Map<String, ZoneSetting> byId = new LinkedHashMap<>();
          for (SettingJson setting : settings) {
            ZoneSetting zoneSetting = toZoneSetting(setting);
            byId.put(zoneSetting.id(), zoneSetting);
          }
          return Collections.unmodifiableMap(byId);
        });
  }

  private static ZoneSetting toZoneSetting(SettingJson setting) {
    if (setting == null || setting.id == null) {
      throw new JsonParseException("setting without id");
    }
    JsonElement value = setting.value == null ? JsonNull.INSTANCE : setting.value;
    return new ZoneSetting(
        setting.id,
        CloudflareJson.GSON.toJson(value),
        Boolean.TRUE.equals(setting.editable),
        CloudflareHttp.instantOrNull(setting.modifiedOn));
  }

  /** A setting as sent (fields named as in the JSON, snake_case mapped by CloudflareJson.GSON). */
  private static final class SettingJson {
    String id;
    JsonElement value;
    Boolean editable;
    String modifiedOn;
  }
}
