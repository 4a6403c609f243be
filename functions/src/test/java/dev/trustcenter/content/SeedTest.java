package dev.trustcenter.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The default content is the model page's, complete in both languages, and invents nothing. */
class SeedTest {
  private final Content seed = Seed.load();

  @Test
  void hasTheModelPagesStructure() {
    assertEquals(1, seed.frameworks().size());
    assertEquals("2022", seed.frameworks().get(0).version());
    assertEquals(
        List.of(
            "change-management",
            "availability",
            "organizational-management",
            "confidentiality",
            "vulnerability-management",
            "incident-response",
            "risk-assessment",
            "network-security",
            "access-security",
            "communications"),
        seed.categories().stream().map(Category::id).toList());
    // The model page's 44 controls, plus Data Residency (confidentiality), which the deployment can
    // prove.
    assertEquals(45, seed.controls().size());
    Map<String, Long> perCategory =
        seed.controls().stream()
            .collect(Collectors.groupingBy(Control::categoryId, Collectors.counting()));
    List<Long> counts = seed.categories().stream().map(c -> perCategory.get(c.id())).toList();
    assertEquals(List.of(6L, 3L, 10L, 4L, 2L, 2L, 4L, 2L, 9L, 3L), counts);
    assertEquals(
        List.of("google-cloud", "cloudflare"),
        seed.subprocessors().stream().map(Subprocessor::id).toList());
    assertEquals(9, seed.resources().size());
  }

  @Test
  void everyTextIsWrittenInBothLanguages() {
    List<Text> texts = new java.util.ArrayList<>();
    texts.add(seed.profile().tagline());
    texts.add(seed.profile().overview());
    seed.frameworks().forEach(f -> texts.add(f.description()));
    seed.categories().forEach(c -> texts.add(c.name()));
    seed.controls()
        .forEach(
            c -> {
              texts.add(c.title());
              texts.add(c.description());
            });
    seed.subprocessors()
        .forEach(
            s -> {
              texts.add(s.purpose());
              texts.add(s.notes());
            });
    seed.resources().forEach(r -> texts.add(r.title()));
    int translated = 0;
    for (Text t : texts) {
      assertFalse(t.es().isBlank(), "es of " + t);
      assertFalse(t.en().isBlank(), "en of " + t);
      assertFalse(t.es().contains("<") || t.en().contains("<"), "plain text only: " + t);
      if (!t.es().equals(t.en())) {
        translated++;
      }
    }
    // Proper nouns may read the same; everything else is really translated.
    assertTrue(translated >= texts.size() - 2, translated + " of " + texts.size() + " translated");
  }

  @Test
  void idsAreUniqueSlugsAndPositionsFollowThePage() {
    for (List<String> ids :
        List.of(
            seed.categories().stream().map(Category::id).toList(),
            seed.controls().stream().map(Control::id).toList(),
            seed.resources().stream().map(Resource::id).toList())) {
      assertEquals(ids.size(), new HashSet<>(ids).size());
      ids.forEach(id -> assertTrue(id.matches("[a-z0-9]+(-[a-z0-9]+)*"), id));
    }
    Set<String> categories =
        seed.categories().stream().map(Category::id).collect(Collectors.toSet());
    seed.controls().forEach(c -> assertTrue(categories.contains(c.categoryId()), c.id()));
    // Positions count within a category: 10, 20, 30... in each, in the page's order.
    Map<String, List<Integer>> byCategory = new java.util.LinkedHashMap<>();
    seed.controls()
        .forEach(
            c ->
                byCategory
                    .computeIfAbsent(c.categoryId(), k -> new java.util.ArrayList<>())
                    .add(c.position()));
    byCategory.forEach(
        (cat, positions) -> {
          for (int i = 0; i < positions.size(); i++) {
            assertEquals((i + 1) * 10, positions.get(i), cat);
          }
        });
  }

  @Test
  void saysNothingTheModelPageDoesNotSay() {
    assertNull(seed.profile().securityContact());
    assertNull(seed.frameworks().get(0).certificate());
    seed.subprocessors().forEach(s -> assertTrue(s.dataLocations().isEmpty(), s.id()));
    Map<String, Resource> byId =
        seed.resources().stream().collect(Collectors.toMap(Resource::id, Function.identity()));
    assertNull(byId.get("privacy-notice").url());
    assertNull(byId.get("terms-and-conditions").url());
    assertNull(byId.get("iso-27001-certificate").url());
    seed.resources().stream()
        .filter(r -> !r.owner().equals("company"))
        .forEach(r -> assertTrue(r.url().startsWith("https://"), r.id()));
  }

  @Test
  void automatedChecksAreTheOnesCodeCanVerify() {
    assertEquals(
        Set.of(
            "segregation-of-environments",
            "production-data-use-is-restricted",
            "automated-backup-process",
            "internal-control-monitoring",
            "encryption-in-transit",
            "encryption-at-rest",
            "data-residency"),
        seed.controls().stream()
            .filter(c -> c.checkMethod() == CheckMethod.AUTOMATED)
            .map(Control::id)
            .collect(Collectors.toSet()));
    seed.controls().stream()
        .filter(c -> c.title().en().endsWith("Policy"))
        .forEach(c -> assertEquals(CheckMethod.PERIODIC_REVIEW, c.checkMethod(), c.id()));
    assertNotEquals(
        0,
        seed.controls().stream()
            .filter(c -> c.checkMethod() == CheckMethod.MANUAL_ATTESTATION)
            .count());
  }
}
