package dev.trustcenter.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LanguageTest {
  @Test
  void negotiatesByQualityAndPrimarySubtag() {
    assertEquals(Language.ES, Language.negotiate(null));
    assertEquals(Language.ES, Language.negotiate(""));
    assertEquals(Language.ES, Language.negotiate("fr, de"));
    assertEquals(Language.EN, Language.negotiate("en-GB"));
    assertEquals(Language.EN, Language.negotiate("es;q=0.4, en-US;q=0.9"));
    assertEquals(Language.ES, Language.negotiate("es-MX, en;q=0.9"));
    assertEquals(Language.ES, Language.negotiate("en;q=0, es;q=0.1"));
    assertEquals(Language.ES, Language.negotiate("en;q=abc, es"));
  }

  @Test
  void codesAreExact() {
    assertEquals(Language.EN, Language.fromCode("EN").orElseThrow());
    assertTrue(Language.fromCode("eng").isEmpty());
    assertTrue(Language.fromCode(null).isEmpty());
  }
}
