package dev.trustcenter.http;

import java.util.Map;

/**
 * Reads an HTML form sent as {@code multipart/form-data} (RFC 7578), as a file input needs.
 * Adapter: {@code mail.MimeMultipartForms} (Jakarta Mail's MIME parser).
 */
@FunctionalInterface
public interface MultipartForms {

  /**
   * The form's fields by name (the first part of each name), their bytes as sent.
   *
   * @param contentType the request's {@code Content-Type}, with its {@code boundary}
   * @throws ApiException 400 when the body is not a readable multipart form
   */
  Map<String, byte[]> fields(byte[] body, String contentType);
}
