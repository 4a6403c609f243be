package dev.trustcenter.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Capabilities receive their settings as plain values or small records of their own; only the
 * composition root reads {@code config.Config} and hands them over (issue 13: "one composition
 * root"). The capabilities in {@link #STILL_READING} read it yet and are to follow.
 */
class CapabilitiesReadNoConfigTest {
  private static final String ROOT = "dev.trustcenter";

  /** Capabilities that still import {@code config}: the rule's open items, not a permission. */
  static final Set<String> STILL_READING = Set.of("controls", "subprocessors");

  @Test
  void capabilitiesOtherThanTheListedOnesNeverReadConfig() {
    JavaClasses main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    Set<String> checked = new TreeSet<>(DependencyRulesTest.CAPABILITIES);
    checked.removeAll(STILL_READING);
    noClasses()
        .that()
        .resideInAnyPackage(checked.stream().map(p -> ROOT + "." + p + "..").toArray(String[]::new))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".config..")
        .because("app builds a capability's settings from Config and hands them over")
        .check(main);
  }
}
