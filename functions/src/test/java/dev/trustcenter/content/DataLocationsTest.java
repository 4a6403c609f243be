package dev.trustcenter.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParseException;
import dev.trustcenter.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataLocationsTest {
  private static final String STORED_BEFORE =
      "{\"id\":\"mailer\",\"name\":\"Mailer\",\"purpose\":{\"es\":\"Correo\",\"en\":\"Mail\"},\"dataLocations\":[\"EU\",\"Ireland\"],"
          + "\"subprocessorListUrl\":null,\"dpaUrl\":null,\"notes\":{\"es\":\"\",\"en\":\"\"},\"position\":1}";

  @Test
  void locationsStoredAsPlainStrings_areReadAsTheSameTextInBothLanguages() {
    Subprocessor s = Json.read(STORED_BEFORE, Subprocessor.class);
    assertEquals(List.of(Text.of("EU", "EU"), Text.of("Ireland", "Ireland")), s.dataLocations());
  }

  @Test
  void bilingualLocationsAreWrittenAsTexts_andReadBackUnchanged() {
    Subprocessor s =
        new Subprocessor(
            "mailer",
            "Mailer",
            Text.of("Correo", "Mail"),
            List.of(Text.of("Unión Europea", "European Union")),
            null,
            null,
            Text.of("", ""),
            1);
    String json = Json.write(s);
    assertEquals(
        true,
        json.contains("\"dataLocations\":[{\"es\":\"Unión Europea\",\"en\":\"European Union\"}]"),
        json);
    assertEquals(s, Json.read(json, Subprocessor.class));
  }

  @Test
  void aLocationMissingALanguageIsRefused() {
    assertThrows(
        JsonParseException.class,
        () ->
            Json.read(
                STORED_BEFORE.replace("[\"EU\",\"Ireland\"]", "[{\"es\":\"UE\"}]"),
                Subprocessor.class));
  }
}
