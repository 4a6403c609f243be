package dev.trustcenter.evidence;

import dev.trustcenter.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * One fact in the evidence log. Its bytes are the RFC 8785 canonical JSON of {@code {"kind",
 * "time", "subject", "data"}}, so the same fact always hashes the same, whoever serializes it; its
 * log index is its position.
 *
 * @param kind what sort of fact ({@link #CHECK_RESULT}, {@link #SUBPROCESSOR_LIST}, ...)
 * @param time when it happened
 * @param subject what it is about: a control id, a vendor id
 * @param data its public fields; null values are left out
 */
public record LogEntry(String kind, Instant time, String subject, Map<String, Object> data) {
  /** An automated check's result, an attestation or a review of a control. */
  public static final String CHECK_RESULT = "check-result";

  /** A version of a subprocessor's own list, as archived and parsed. */
  public static final String SUBPROCESSOR_LIST = "subprocessor-list";

  /** One change detected between two versions of a subprocessor's list. */
  public static final String SUBPROCESSOR_CHANGE = "subprocessor-change";

  /** A version of a gated document, uploaded or replaced: its SHA-256, never the file. */
  public static final String DOCUMENT_VERSION = "document-version";

  /** A version of the click-through NDA: the SHA-256 of its text in each language. */
  public static final String NDA_VERSION = "nda-version";

  /**
   * A change to the company's own subprocessors, scheduled ahead, withdrawn, applied or failed
   * (GDPR Art. 28(2)): one entry at each of those steps, subject the subprocessor's id.
   */
  public static final String PLANNED_CHANGE = "planned-subprocessor-change";

  /** The notices of one event a drain of the outbox settled: counts only, never addresses. */
  public static final String NOTICES_SENT = "notices-sent";

  /** The tlog-tiles entry bundle prefixes each entry with a 16-bit length. */
  public static final int MAX_BYTES = 0xFFFF;

  public LogEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(subject, "subject");
    Map<String, Object> copy = new LinkedHashMap<>();
    if (data != null) {
      data.forEach(
          (k, v) -> {
            if (v != null) {
              copy.put(k, v);
            }
          });
    }
    data = Collections.unmodifiableMap(copy);
  }

  /** The entry as logged: RFC 8785 canonical JSON, UTF-8. */
  public byte[] bytes() {
    Map<String, Object> all = new LinkedHashMap<>();
    all.put("kind", kind);
    all.put("time", time.toString());
    all.put("subject", subject);
    all.put("data", data);
    return canonical(Json.write(all));
  }

  /** {@code json} in RFC 8785 canonical form. */
  public static byte[] canonical(String json) {
    try {
      return new JsonCanonicalizer(json).getEncodedUTF8();
    } catch (IOException e) {
      throw new IllegalArgumentException("not canonicalizable JSON: " + e.getMessage(), e);
    }
  }

  /** {@code canonical(json)} as text. */
  public static String canonicalText(String json) {
    return new String(canonical(json), StandardCharsets.UTF_8);
  }
}
