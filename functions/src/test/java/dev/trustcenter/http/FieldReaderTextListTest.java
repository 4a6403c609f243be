package dev.trustcenter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParser;
import dev.trustcenter.content.Text;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldReaderTextListTest {
  private static FieldReader reader(String json) {
    return FieldReader.of(JsonParser.parseString(json).getAsJsonObject());
  }

  @Test
  void bilingualItemsAreRead_andAPlainStringIsTheSameTextInBothLanguages() {
    FieldReader f =
        reader("{\"dataLocations\":[{\"es\":\"Unión Europea\",\"en\":\"European Union\"},\"EU\"]}");
    assertEquals(
        List.of(Text.of("Unión Europea", "European Union"), Text.of("EU", "EU")),
        f.textList("dataLocations", 10, FieldReader.NAME));
    f.finish();
  }

  @Test
  void everyBadItemIsNamed_andUnknownNestedFieldsAreRefused() {
    FieldReader f =
        reader(
            "{\"dataLocations\":[7,{\"es\":\"UE\"},{\"es\":\"UE\",\"en\":\"EU\",\"fr\":\"UE\"},\"a\\nb\"]}");
    f.textList("dataLocations", 10, FieldReader.NAME);
    ApiException e = assertThrows(ApiException.class, f::finish);
    assertEquals(
        List.of(
            "dataLocations[0]", "dataLocations[1].en", "dataLocations[3]", "dataLocations[2].fr"),
        e.fields().stream().map(ApiException.FieldError::field).toList());
  }

  @Test
  void absentOrNullIsEmpty_andANonListIsRefused() {
    assertEquals(List.of(), reader("{}").textList("dataLocations", 10, FieldReader.NAME));
    assertEquals(
        List.of(),
        reader("{\"dataLocations\":null}").textList("dataLocations", 10, FieldReader.NAME));
    FieldReader f = reader("{\"dataLocations\":\"EU\"}");
    f.textList("dataLocations", 10, FieldReader.NAME);
    assertThrows(ApiException.class, f::finish);
  }
}
