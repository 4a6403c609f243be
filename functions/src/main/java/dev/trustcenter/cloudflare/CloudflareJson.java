package dev.trustcenter.cloudflare;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The one Gson instance of this package, configured for Cloudflare's snake_case fields. */
final class CloudflareJson {

  static final Gson GSON =
      new GsonBuilder()
          .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
          .disableHtmlEscaping()
          .create();

  private CloudflareJson() {}
}
