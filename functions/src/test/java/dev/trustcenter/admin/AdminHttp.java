package dev.trustcenter.admin;

import dev.trustcenter.app.Services;
import dev.trustcenter.audit.AuditLog;
import dev.trustcenter.config.Config;
import dev.trustcenter.local.LocalServer;
import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A local server for admin tests and an HTTP client speaking to it. */
final class AdminHttp implements AutoCloseable {
  static final String DEV_TOKEN = "dev-token-for-admin-tests-0123456789";

  /** Every collection the admin API or the public snapshot touch. */
  static final List<String> COLLECTIONS =
      List.of(
          "profile",
          "frameworks",
          "categories",
          "controls",
          "subprocessors",
          "resources",
          "meta",
          "public",
          "check-summaries",
          AuditLog.COLLECTION);

  final LocalServer server;
  final Services services;
  final HttpClient http = HttpClient.newHttpClient();

  AdminHttp(Map<String, String> env) throws IOException {
    Config config = Config.fromEnvironment(env);
    services = Services.local(config);
    server = LocalServer.start(config, services);
  }

  static AdminHttp local(Path dataDir) throws IOException {
    // A public cache far longer than any test: only the admin API's invalidation hook can make a
    // change visible.
    return new AdminHttp(
        Map.of(
            "PORT",
            "0",
            "TRUST_CENTER_DATA_DIR",
            dataDir.toString(),
            "TRUST_CENTER_DEV_TOKEN",
            DEV_TOKEN,
            "PUBLIC_CACHE_SECONDS",
            "3600"));
  }

  DocumentStore store() {
    return services.store();
  }

  /**
   * Every document of every collection: equal before and after a request that must change nothing.
   */
  Map<String, Map<String, String>> everything() {
    Map<String, Map<String, String>> all = new LinkedHashMap<>();
    for (String c : COLLECTIONS) {
      Map<String, String> docs = new LinkedHashMap<>();
      store().list(c, Range.all()).forEach(d -> docs.put(d.id(), d.json()));
      all.put(c, docs);
    }
    return all;
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + server.port() + path);
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + DEV_TOKEN);
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  HttpResponse<String> put(String path, String json, String... headers) {
    HttpRequest.Builder b =
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  HttpResponse<String> delete(String path, String... headers) {
    HttpRequest.Builder b = request(path).DELETE();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  @Override
  public void close() {
    server.close();
  }

  /** A valid control body. */
  static String control(String id, String categoryId, String titleEn) {
    return """
        {"id":"%s","categoryId":"%s","title":{"es":"Control de prueba","en":"%s"},
         "description":{"es":"Descripción de prueba.","en":"Test description."},
         "checkMethod":"manual_attestation","periodDays":90,"position":15}"""
        .formatted(id, categoryId, titleEn);
  }
}
