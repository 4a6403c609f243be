package dev.trustcenter.content;

import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes a subprocessor's data locations as {@link Text}s ({@code
 * {"es":"UE","en":"EU"}}). Stored content written before locations were bilingual has plain
 * strings; each is read as the same text in both languages, so nothing stored is lost or refused.
 */
final class DataLocations extends TypeAdapter<List<Text>> {
  @Override
  public void write(JsonWriter out, List<Text> locations) throws IOException {
    if (locations == null) {
      out.nullValue();
      return;
    }
    out.beginArray();
    for (Text t : locations) {
      out.beginObject().name("es").value(t.es()).name("en").value(t.en()).endObject();
    }
    out.endArray();
  }

  @Override
  public List<Text> read(JsonReader in) throws IOException {
    if (in.peek() == JsonToken.NULL) {
      in.nextNull();
      return List.of();
    }
    List<Text> out = new ArrayList<>();
    in.beginArray();
    while (in.hasNext()) {
      if (in.peek() == JsonToken.STRING) {
        String s = in.nextString();
        out.add(new Text(s, s));
        continue;
      }
      String es = null;
      String en = null;
      in.beginObject();
      while (in.hasNext()) {
        switch (in.nextName()) {
          case "es" -> es = in.nextString();
          case "en" -> en = in.nextString();
          default -> in.skipValue();
        }
      }
      in.endObject();
      if (es == null || en == null) {
        throw new JsonParseException("a data location needs es and en at " + in.getPath());
      }
      out.add(new Text(es, en));
    }
    in.endArray();
    return out;
  }
}
