package dev.trustcenter.mail;

import dev.trustcenter.http.ApiException;
import dev.trustcenter.http.MultipartParser;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** {@link MultipartParser} on Jakarta Mail's MIME parser (Eclipse Angus). */
public final class MimeMultipartParser implements MultipartParser {

  @Override
  public List<Part> parse(String contentType, byte[] body) {
    List<Part> out = new ArrayList<>();
    try {
      MimeMultipart parts = new MimeMultipart(new ByteArrayDataSource(body, contentType));
      for (int i = 0; i < parts.getCount(); i++) {
        BodyPart part = parts.getBodyPart(i);
        String[] disposition = part.getHeader("Content-Disposition");
        if (disposition == null || disposition.length == 0) {
          continue;
        }
        ContentDisposition cd = new ContentDisposition(disposition[0]);
        String name = cd.getParameter("name");
        if (name == null) {
          continue;
        }
        byte[] content;
        try (InputStream in = part.getInputStream()) {
          content = in.readAllBytes();
        }
        String[] type = part.getHeader("Content-Type");
        out.add(
            new Part(
                name,
                cd.getParameter("filename"),
                type == null || type.length == 0 ? null : type[0],
                content));
      }
    } catch (MessagingException | IOException e) {
      throw ApiException.badRequest("malformed_form", "the form is not valid multipart/form-data");
    }
    return out;
  }
}
