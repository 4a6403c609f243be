package dev.trustcenter.http;

import com.google.cloud.functions.HttpResponse;
import dev.trustcenter.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writing JSON answers, errors and entity tags the same way in every function. */
public final class Responses {
  public static final String JSON = "application/json; charset=utf-8";

  private Responses() {}

  /** Writes {@code body} as JSON with the given status (the body is skipped for HEAD). */
  public static void json(HttpResponse res, int status, byte[] body, boolean head)
      throws IOException {
    res.setStatusCode(status);
    res.setContentType(JSON);
    res.appendHeader("X-Content-Type-Options", "nosniff");
    // With its length known, the runtime sends headers and body in one write, not chunked (and a
    // HEAD answer says the length a GET would have).
    res.appendHeader("Content-Length", Integer.toString(body.length));
    if (!head) {
      try (OutputStream out = res.getOutputStream()) {
        out.write(body);
      }
    }
  }

  /** Serializes {@code value} with the project's Gson and writes it. */
  public static void json(HttpResponse res, int status, Object value) throws IOException {
    json(res, status, Json.write(value).getBytes(StandardCharsets.UTF_8), false);
  }

  /** Writes an error answer. */
  public static void error(HttpResponse res, ApiException e) throws IOException {
    e.headers().forEach(res::appendHeader);
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", e.code());
    error.put("message", e.getMessage());
    if (!e.fields().isEmpty()) {
      error.put("fields", e.fields());
    }
    res.appendHeader("Cache-Control", "no-store");
    json(res, e.status(), Map.of("error", error));
  }

  /** A strong entity tag for a body: a quoted, URL-safe SHA-256 prefix. */
  public static String etag(byte[] body) {
    return "\""
        + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(body)).substring(0, 27)
        + "\"";
  }

  /**
   * Whether an {@code If-None-Match} header matches {@code etag} (RFC 9110 weak comparison: a
   * {@code W/} prefix is ignored; {@code *} matches anything).
   */
  public static boolean noneMatchHits(List<String> ifNoneMatch, String etag) {
    for (String header : ifNoneMatch) {
      for (String candidate : header.split(",")) {
        String c = candidate.trim();
        if (c.equals("*")) {
          return true;
        }
        if (c.startsWith("W/")) {
          c = c.substring(2);
        }
        if (c.equals(etag)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The SHA-256 of {@code data}, in lowercase hex. */
  public static String sha256Hex(byte[] data) {
    return java.util.HexFormat.of().formatHex(sha256(data));
  }

  /** The SHA-256 of {@code text}'s UTF-8 bytes, in lowercase hex. */
  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The SHA-256 of {@code data}. */
  public static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
