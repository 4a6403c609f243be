package dev.trustcenter.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package structure (docs/architecture.md), held in the style of buckpal's dependency rules:
 *
 * <ul>
 *   <li><b>base</b> packages depend on nothing above them;
 *   <li><b>capabilities</b> use base packages and each other (without cycles), never an adapter or
 *       a cloud SDK: they talk to the world through ports they own;
 *   <li><b>adapters</b> implement those ports with one technology each, and never use another
 *       adapter;
 *   <li>the <b>composition roots</b> {@code app} (deployed functions and their wiring) and {@code
 *       local} (the local server) are the only packages that name adapters.
 * </ul>
 */
class DependencyRulesTest {
  private static final String ROOT = "dev.trustcenter";

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  static final Set<String> BASE =
      Set.of("auth", "audit", "config", "content", "http", "i18n", "json", "notices", "store");
  static final Set<String> CAPABILITIES =
      Set.of(
          "admin",
          "console",
          "controls",
          "documents",
          "evidence",
          "publicview",
          "site",
          "subprocessors",
          "subscriptions");
  static final Set<String> ADAPTERS =
      Set.of("cloudflare", "filestore", "firestore", "gcp", "mail", "okhttp", "secrets", "storage");
  static final Set<String> ROOTS = Set.of("app", "local");

  private static final String[] SDKS = {
    "com.google.cloud.firestore..",
    "com.google.cloud.storage..",
    "com.google.cloud.secretmanager..",
    "com.google.cloud.kms..",
    "com.google.firestore..",
    "com.google.api.gax..",
    "io.grpc..",
    "okhttp3..",
    "com.google.auth..",
    "jakarta.mail..",
  };

  private static String[] packages(Set<String> names) {
    return names.stream().map(n -> ROOT + "." + n + "..").sorted().toArray(String[]::new);
  }

  @Test
  void everyPackageHasItsPlace() {
    Set<String> actual =
        MAIN.stream()
            .map(JavaClass::getPackageName)
            .filter(p -> p.startsWith(ROOT + "."))
            .map(p -> p.substring(ROOT.length() + 1).split("\\.")[0])
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> declared =
        Stream.of(BASE, CAPABILITIES, ADAPTERS, ROOTS)
            .flatMap(Set::stream)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(declared, actual, "a new package must be placed in one layer of this test");
  }

  @Test
  void noCyclesBetweenPackages() {
    slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void basePackagesDependOnNothingAboveThem() {
    noClasses()
        .that()
        .resideInAnyPackage(packages(BASE))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(packages(union(CAPABILITIES, ADAPTERS, ROOTS)))
        .check(MAIN);
  }

  @Test
  void capabilitiesNeverNameAnAdapterOrARoot() {
    noClasses()
        .that()
        .resideInAnyPackage(packages(CAPABILITIES))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(packages(union(ADAPTERS, ROOTS)))
        .because("capabilities reach the world through ports; app wires the adapters in")
        .check(MAIN);
  }

  @Test
  void adaptersDoNotUseEachOtherOrTheRoots() {
    for (String adapter : ADAPTERS) {
      Set<String> others = new TreeSet<>(ADAPTERS);
      others.remove(adapter);
      others.addAll(ROOTS);
      noClasses()
          .that()
          .resideInAPackage(ROOT + "." + adapter + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(packages(others))
          .check(MAIN);
    }
  }

  @Test
  void onlyTheLocalServerUsesTheDeployedWiring() {
    noClasses()
        .that()
        .resideOutsideOfPackages(packages(ROOTS))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".app..")
        .check(MAIN);
  }

  @Test
  void onlyAdaptersAndTheWiringUseCloudSdksOrOkHttp() {
    noClasses()
        .that()
        .resideInAnyPackage(packages(union(BASE, CAPABILITIES)))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(SDKS)
        .because("domain and capability code talks to the cloud through ports")
        .check(MAIN);
  }

  @Test
  void onlyConfigReadsTheEnvironment() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(ROOT + ".config.Config")
        .should()
        .callMethod(System.class, "getenv")
        .orShould()
        .callMethod(System.class, "getenv", String.class)
        .check(MAIN);
  }

  @Test
  void capabilitiesAreGivenTheirSettingsNotTheConfig() {
    noClasses()
        .that()
        .resideInAnyPackage(packages(CAPABILITIES))
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT + ".config..")
        .because("the composition root (app) reads Config and passes plain values or records")
        .check(MAIN);
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    return Arrays.stream(sets).flatMap(Set::stream).collect(Collectors.toSet());
  }
}
