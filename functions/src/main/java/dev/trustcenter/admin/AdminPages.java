package dev.trustcenter.admin;

import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.IOException;

/**
 * The admin console's pages, served by {@code trust-admin} beside the JSON API (everything outside
 * {@code /v1/}). They authenticate their own requests through {@link AdminApi#authenticate} or
 * their session.
 */
public interface AdminPages {

  /** Whether {@code path} (within the function, without {@code /admin}) is a console page. */
  boolean handles(String path);

  /** Serves one console request; {@code path} is within the function, without {@code /admin}. */
  void serve(HttpRequest request, String path, HttpResponse response, AdminApi api)
      throws IOException;
}
