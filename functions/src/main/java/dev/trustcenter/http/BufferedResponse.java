package dev.trustcenter.http;

import com.google.cloud.functions.HttpResponse;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Functions Framework {@link HttpResponse} held in memory (status, headers by case-insensitive
 * name, body) for whoever sends or reads it once the function has returned: the local server sends
 * it over its socket, the admin console reads the admin API's answer in-process.
 */
public class BufferedResponse implements HttpResponse {
  private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private int status = 200;
  private BufferedWriter writer;

  @Override
  public void setStatusCode(int code) {
    this.status = code;
  }

  @Override
  public void setStatusCode(int code, String message) {
    this.status = code;
  }

  @Override
  public void setContentType(String contentType) {
    headers.put("Content-Type", new ArrayList<>(List.of(contentType)));
  }

  @Override
  public Optional<String> getContentType() {
    List<String> v = headers.get("Content-Type");
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  @Override
  public void appendHeader(String name, String value) {
    headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
  }

  @Override
  public Map<String, List<String>> getHeaders() {
    return headers;
  }

  @Override
  public OutputStream getOutputStream() {
    return body;
  }

  @Override
  public BufferedWriter getWriter() {
    if (writer == null) {
      writer = new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
    }
    return writer;
  }

  /** The status set, 200 by default. */
  public int status() {
    return status;
  }

  /** The body written so far, through the output stream or the writer (which is flushed first). */
  public byte[] bodyBytes() {
    if (writer != null) {
      try {
        writer.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a ByteArrayOutputStream never fails
      }
    }
    return body.toByteArray();
  }
}
