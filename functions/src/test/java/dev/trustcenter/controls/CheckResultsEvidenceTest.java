package dev.trustcenter.controls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.trustcenter.content.CheckOutcome;
import dev.trustcenter.evidence.LogEntry;
import dev.trustcenter.http.Responses;
import dev.trustcenter.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a result appears in the public evidence log: public fields in the clear, the rest as a salted
 * commitment.
 */
class CheckResultsEvidenceTest {
  static final Instant AT = Instant.parse("2026-02-01T12:00:00Z");

  @Test
  void anAttestationLogsNoPersonalDataAndCommitsToItVerifiably() {
    CheckResult r =
        new CheckResult(
            "access-review",
            CheckOutcome.PASSING,
            AT,
            "ana@example.com",
            Map.of("reviewed", 42L),
            "quarterly review",
            "https://docs.example.com/review.pdf",
            false);
    String text =
        new String(CheckResults.logEntry(r, "id-1", "00ff").bytes(), StandardCharsets.UTF_8);
    assertFalse(
        text.contains("ana@example.com")
            || text.contains("review.pdf")
            || text.contains("quarterly")
            || text.contains("reviewed"),
        text);
    JsonObject data = JsonParser.parseString(text).getAsJsonObject().getAsJsonObject("data");
    assertEquals("attested", data.get("method").getAsString());
    assertEquals("passing", data.get("outcome").getAsString());

    // An auditor given the private fields and the salt recomputes the commitment.
    Map<String, Object> revealed = new LinkedHashMap<>();
    revealed.put("note", "quarterly review");
    revealed.put("salt", "00ff");
    revealed.put("evidence", Map.of("reviewed", 42L));
    revealed.put("evidenceUrl", "https://docs.example.com/review.pdf");
    revealed.put("checkedBy", "ana@example.com");
    String commitment =
        HexFormat.of().formatHex(Responses.sha256(LogEntry.canonical(Json.write(revealed))));
    assertEquals(commitment, data.get("privateSha256").getAsString());
    assertNotEquals(
        commitment,
        JsonParser.parseString(
                new String(
                    CheckResults.logEntry(r, "id-1", "00fe").bytes(), StandardCharsets.UTF_8))
            .getAsJsonObject()
            .getAsJsonObject("data")
            .get("privateSha256")
            .getAsString(),
        "another salt, another commitment");
  }

  @Test
  void publicEvidenceIsInTheClearUnlessItWouldNotFitAnEntry() {
    CheckResult small =
        new CheckResult(
            "tls",
            CheckOutcome.PASSING,
            AT,
            "tls-check",
            Map.of("minTls", "1.2"),
            null,
            null,
            true);
    assertTrue(
        new String(CheckResults.logEntry(small, "id", "aa").bytes(), StandardCharsets.UTF_8)
            .contains("\"evidence\":{\"minTls\":\"1.2\"}"));
    CheckResult huge =
        new CheckResult(
            "tls",
            CheckOutcome.PASSING,
            AT,
            "tls-check",
            Map.of("dump", "x".repeat(70_000)),
            null,
            null,
            true);
    byte[] entry = CheckResults.logEntry(huge, "id", "aa").bytes();
    assertTrue(entry.length <= LogEntry.MAX_BYTES);
    assertFalse(new String(entry, StandardCharsets.UTF_8).contains("xxxx"));
  }
}
