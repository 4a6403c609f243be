package dev.trustcenter.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogEntryTest {

  @Test
  void entriesAreRfc8785CanonicalJsonWhateverTheInsertionOrder() {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("outcome", "passing");
    data.put("days", 30L);
    data.put("ratio", 1.0e21);
    data.put("note", "<b>é</b>\u2028");
    data.put("skipped", null);
    LogEntry e =
        new LogEntry(LogEntry.CHECK_RESULT, Instant.parse("2026-01-02T03:04:05Z"), "mfa", data);
    assertEquals(
        "{\"data\":{\"days\":30,\"note\":\"<b>é</b>\u2028\",\"outcome\":\"passing\",\"ratio\":1e+21},"
            + "\"kind\":\"check-result\",\"subject\":\"mfa\",\"time\":\"2026-01-02T03:04:05Z\"}",
        new String(e.bytes(), StandardCharsets.UTF_8));
  }

  @Test
  void theRfc8785ExampleCanonicalizesAsTheRfcShows() {
    // RFC 8785 §3.2.2's sample input and its canonical output (§3.2.3).
    String input =
        "{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],"
            + " \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\", \"literals\": [null, true, false]}";
    assertEquals(
        "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}",
        LogEntry.canonicalText(input));
  }
}
