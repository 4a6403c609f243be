package dev.trustcenter.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scan finds each member's name and value exactly as a JSON parser reads them. */
class StoredJsonTest {
  @Test
  void membersAreFoundWhateverTheirStringsHold() {
    String text =
        "{\"a\":\"plain\", \"b\" : \"quote \\\" inside\",\"c\":\"ends in a backslash \\\\\","
            + "\"d\":{\"x\":\"} ] { [\",\"y\":[1,\"\\\\\\\"\",{}]},\"e\":[\"\\\\\\\\\"],"
            + "\"f\":-1.5e3,\"g\":null,\"h\":true,\"i\":\"\",\"\\\"j\\\"\":\"\\u00e9\"}";
    List<StoredJson.Member> members = StoredJson.members(text);
    var parsed = JsonParser.parseString(text).getAsJsonObject();
    assertEquals(parsed.keySet().stream().toList(), members.stream().map(m -> m.name()).toList());
    for (StoredJson.Member m : members) {
      assertEquals(
          parsed.get(m.name()),
          JsonParser.parseString(text.substring(m.valueStart(), m.end())),
          m.name());
      assertEquals(
          parsed.get(m.name()),
          JsonParser.parseString("{" + text.substring(m.nameStart(), m.end()) + "}")
              .getAsJsonObject()
              .get(m.name()),
          m.name());
    }
  }

  @Test
  void textThatIsNotOneObjectIsRefused() {
    assertThrows(JsonParseException.class, () -> StoredJson.members("{\"a\":\"not closed}"));
    assertThrows(JsonParseException.class, () -> StoredJson.members("{\"a\":\"\\\"}"));
    assertThrows(JsonParseException.class, () -> StoredJson.members("[1]"));
    assertThrows(JsonParseException.class, () -> StoredJson.members("{\"a\":{\"b\":1}"));
  }
}
