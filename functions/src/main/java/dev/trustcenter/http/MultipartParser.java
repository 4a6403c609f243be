package dev.trustcenter.http;

import java.util.List;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578), the encoding of an HTML form that uploads a
 * file. Adapter: {@code mail.MimeMultipartParser} (Jakarta Mail's MIME parser).
 */
public interface MultipartParser {

  /**
   * The parts of {@code body}, in order.
   *
   * @param contentType the request's {@code Content-Type}, with its {@code boundary}
   * @throws ApiException 400 ({@code malformed_form}) for a body that is not such a form
   */
  List<Part> parse(String contentType, byte[] body);

  /**
   * One part.
   *
   * @param name the form field's name
   * @param fileName the name of the uploaded file, or null for a plain field
   * @param contentType the type the browser declared for a file, or null
   */
  record Part(String name, String fileName, String contentType, byte[] bytes) {}
}
