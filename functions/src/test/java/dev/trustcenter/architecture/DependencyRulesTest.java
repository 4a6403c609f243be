package dev.trustcenter.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layout honest: only technology adapter packages touch a cloud SDK or OkHttp, the domain
 * stays free of them, and nothing but {@code config.Config} reads the environment.
 */
class DependencyRulesTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.trustcenter");

  private static final String[] ADAPTERS = {
    "dev.trustcenter.firestore..",
    "dev.trustcenter.filestore..",
    "dev.trustcenter.storage..",
    "dev.trustcenter.cloudflare..",
    "dev.trustcenter.secrets..",
    "dev.trustcenter.web..",
    "dev.trustcenter.mail..",
    "dev.trustcenter.gcp..",
    "dev.trustcenter.idtoken..",
    "dev.trustcenter.local..",
  };

  private static final String[] SDKS = {
    "com.google.cloud.firestore..",
    "com.google.cloud.storage..",
    "com.google.cloud.secretmanager..",
    "com.google.firestore..",
    "com.google.api.gax..",
    "io.grpc..",
    "okhttp3..",
    "com.google.auth..",
  };

  @Test
  void onlyAdaptersUseCloudSdksOrOkHttp() {
    noClasses()
        .that()
        .resideOutsideOfPackages(ADAPTERS)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(SDKS)
        .because("domain and capability code talks to the cloud through ports")
        .check(MAIN);
  }

  @Test
  void theDomainDependsOnNoCapabilityOrAdapter() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.trustcenter.content..", "dev.trustcenter.store..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.trustcenter.trustcenter..",
            "dev.trustcenter.admin..",
            "dev.trustcenter.site..",
            "dev.trustcenter.http..",
            "dev.trustcenter.config..",
            "dev.trustcenter.local..",
            "dev.trustcenter.firestore..",
            "dev.trustcenter.filestore..",
            "com.google.cloud.functions..")
        .check(MAIN);
  }

  @Test
  void onlyConfigReadsTheEnvironment() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("dev.trustcenter.config.Config")
        .should()
        .callMethod(System.class, "getenv")
        .orShould()
        .callMethod(System.class, "getenv", String.class)
        .check(MAIN);
  }
}
