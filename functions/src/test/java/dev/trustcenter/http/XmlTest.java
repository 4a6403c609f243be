package dev.trustcenter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** What XML 1.0 cannot hold is dropped, and text with none of it is returned as it is. */
class XmlTest {
  @Test
  void cleanDropsExactlyWhatXmlCannotHold() {
    Random random = new Random(11);
    char[] alphabet = {
      'a', 'é', ' ', '\t', '\n', '\r', '\u0000', '\u0001', '\u001f', '\ud7ff', '\ue000', '\ufffd',
      '\ufffe', '\uffff', '\ud83d', '\ude00', '<', '&'
    };
    for (int i = 0; i < 20_000; i++) {
      StringBuilder s = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        s.append(alphabet[random.nextInt(alphabet.length)]);
      }
      assertEquals(Xml.everyCodePoint(s.toString()), Xml.clean(s.toString()), s.toString());
    }
    String plain = "Política de seguridad <v2> & más 😀";
    assertEquals(plain, Xml.clean(plain));
    String ascii = "https://trust.example.com/es/controls/x/";
    assertSame(ascii, Xml.clean(ascii));
    assertEquals("ab", Xml.clean("a\u0000b\ud800"));
    // What XML 1.0 cannot hold: C0 controls but tab and newlines, U+FFFE/F, lone surrogates.
    assertEquals("\t\n\r😀", Xml.clean("\u0001\t\n\r\ufffe\uffff\ude00😀\ud83d"));
  }
}
