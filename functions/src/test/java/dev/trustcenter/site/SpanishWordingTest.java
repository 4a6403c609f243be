package dev.trustcenter.site;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.content.Content;
import dev.trustcenter.content.Language;
import dev.trustcenter.content.Seed;
import dev.trustcenter.content.Text;
import dev.trustcenter.i18n.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The site's Spanish speaks to the visitor as <i>usted</i> throughout, never says "su propia lista"
 * (which reads as "your own list"), and calls a DPA by one name: "Anexo de tratamiento de datos
 * (DPA)".
 */
class SpanishWordingTest {
  /** Pronouns and verb forms of the <i>tú</i> register that a site text could use. */
  private static final Pattern TU =
      Pattern.compile(
          "(?iu)(?<![\\p{L}])(tú|tu|tus|te|ti|contigo|puedes|tienes|quieres|consulta|elige|haz|abre|aceptas|recibirás|has)(?![\\p{L}])");

  private static List<String> spanishTexts() {
    List<String> texts = new ArrayList<>(Messages.loadAll().get(Language.ES).all().values());
    Content seed = Seed.load();
    seed.categories().forEach(c -> texts.add(c.name().es()));
    seed.controls()
        .forEach(
            c -> {
              texts.add(c.title().es());
              texts.add(c.description().es());
            });
    seed.frameworks().forEach(f -> texts.add(f.description().es()));
    seed.subprocessors()
        .forEach(
            s -> {
              texts.add(s.purpose().es());
              texts.add(s.notes().es());
            });
    seed.resources().forEach(r -> texts.add(r.title().es()));
    texts.add(seed.profile().tagline().es());
    texts.add(seed.profile().overview().es());
    return texts;
  }

  @Test
  void everySpanishTextUsesUsted() {
    for (String text : spanishTexts()) {
      assertTrue(!TU.matcher(text).find(), "tú register in: " + text);
    }
  }

  @Test
  void noTextSaysSuPropiaLista_andADpaHasOneName() {
    for (String text : spanishTexts()) {
      assertTrue(!text.toLowerCase().contains("su propia lista"), text);
      assertTrue(!text.contains("Acuerdo de tratamiento"), text);
      if (text.contains("tratamiento de datos")) {
        assertTrue(text.contains("Anexo de tratamiento de datos (DPA)"), text);
      }
    }
  }

  @Test
  void theSeedsDpaTitlesUseTheSameName() {
    Map<String, Text> dpas = new java.util.LinkedHashMap<>();
    Seed.load().resources().stream()
        .filter(r -> r.kind().equals("dpa"))
        .forEach(r -> dpas.put(r.id(), r.title()));
    assertTrue(!dpas.isEmpty());
    dpas.forEach(
        (id, t) ->
            assertTrue(
                t.es().startsWith("Anexo de tratamiento de datos (DPA) de "), id + ": " + t.es()));
  }
}
