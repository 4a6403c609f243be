package dev.trustcenter.mail;

import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.MultipartForms;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link MultipartForms} with Jakarta Mail's MIME parser: a form is a MIME multipart body. */
public final class MimeMultipartForms implements MultipartForms {
  @Override
  public Map<String, byte[]> fields(byte[] body, String contentType) {
    Map<String, byte[]> fields = new LinkedHashMap<>();
    try {
      MimeMultipart parts = new MimeMultipart(new ByteArrayDataSource(body, contentType));
      for (int i = 0; i < parts.getCount(); i++) {
        BodyPart part = parts.getBodyPart(i);
        String[] disposition = part.getHeader("Content-Disposition");
        if (disposition == null || disposition.length == 0) {
          continue;
        }
        String name = new ContentDisposition(disposition[0]).getParameter("name");
        if (name != null && !fields.containsKey(name)) {
          try (InputStream in = part.getInputStream()) {
            fields.put(name, in.readAllBytes());
          }
        }
      }
    } catch (MessagingException | IOException e) {
      throw ApiException.badRequest("malformed_form", "the form could not be read");
    }
    return fields;
  }
}
