package dev.trustcenter.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.functions.HttpFunction;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.trustcenter.config.DeployedFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds {@code infra/} and the code to each other: every function class is in the catalog and has a
 * function resource with its entry point; every variable a function requires is set for it; every
 * task has a scheduler job with an OIDC token; nothing but {@code trust-api} (and the public site's
 * objects) is granted to {@code allUsers}. The negative tests show the check fails when either side
 * changes alone.
 */
class InfraConsistencyTest {
  static final Path INFRA = Path.of("..", "infra");

  /** One function as declared in {@code infra/functions.tf}. */
  record TfFunction(
      String name, String entryPoint, boolean isPublic, boolean scheduled, Set<String> variables) {}

  /**
   * The functions map ({@code locals.functions}) of a {@code functions.tf} text, read with {@link
   * Hcl}.
   */
  static Map<String, TfFunction> parseFunctions(String tf) {
    Map<String, TfFunction> out = new LinkedHashMap<>();
    Hcl.object(Hcl.locals(Hcl.parse(tf)).get("functions"))
        .forEach(
            (name, body) -> {
              Map<String, String> f = Hcl.object(body);
              Set<String> vars = new TreeSet<>();
              vars.addAll(Hcl.object(f.get("env")).keySet());
              vars.addAll(Hcl.object(f.get("secrets")).keySet());
              String schedule = f.get("schedule");
              out.put(
                  name,
                  new TfFunction(
                      name,
                      Hcl.string(f.get("entry_point")),
                      "true".equals(f.get("public")),
                      schedule != null && !schedule.equals("null"),
                      vars));
            });
    return out;
  }

  /**
   * What is inconsistent between the catalog, the function classes and the Terraform; empty when
   * none.
   */
  static List<String> problems(
      List<DeployedFunction> catalog,
      Set<String> functionClasses,
      Map<String, TfFunction> tf,
      String schedulerTf) {
    List<String> problems = new ArrayList<>();
    Set<String> catalogued = new TreeSet<>();
    for (DeployedFunction f : catalog) {
      catalogued.add(f.entryPoint());
      if (!functionClasses.contains(f.entryPoint())) {
        problems.add(f.deployedName() + ": no HttpFunction class " + f.entryPoint());
      }
      TfFunction t = tf.get(f.deployedName());
      if (t == null) {
        problems.add(f.deployedName() + ": no function resource in infra/functions.tf");
        continue;
      }
      if (!f.entryPoint().equals(t.entryPoint())) {
        problems.add(
            f.deployedName()
                + ": infra entry point "
                + t.entryPoint()
                + " but code "
                + f.entryPoint());
      }
      for (String v : f.requiredVariables()) {
        if (!t.variables().contains(v)) {
          problems.add(f.deployedName() + ": requires " + v + " but infra does not set it");
        }
      }
      if (f.task() != t.scheduled()) {
        problems.add(
            f.deployedName()
                + (f.task() ? ": is a task without a schedule" : ": is scheduled but not a task"));
      }
      if (t.isPublic() != (f == DeployedFunction.TRUST_API)) {
        problems.add(f.deployedName() + ": only trust-api may be public");
      }
    }
    for (String c : functionClasses) {
      if (!catalogued.contains(c)) {
        problems.add(c + ": a function class missing from DeployedFunction");
      }
    }
    Set<String> known = new TreeSet<>();
    catalog.forEach(f -> known.add(f.deployedName()));
    for (String name : tf.keySet()) {
      if (!known.contains(name)) {
        problems.add(name + ": deployed by infra but unknown to the code");
      }
    }
    if (!schedulerTf.matches(
        "(?s).*resource \"google_cloud_scheduler_job\".*for_each\\s*=.*schedule != null.*oidc_token\\s*\\{.*service_account_email.*audience.*")) {
      problems.add("scheduler.tf: scheduled functions must each get a job with an OIDC token");
    }
    return problems;
  }

  static Set<String> functionClasses() {
    Set<String> out = new TreeSet<>();
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.trustcenter")) {
      if (c.isAssignableTo(HttpFunction.class)
          && !c.isInterface()
          && !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)) {
        out.add(c.getName());
      }
    }
    return out;
  }

  private static String read(String file) throws IOException {
    return Files.readString(INFRA.resolve(file));
  }

  @Test
  void infraAndCodeAgree() throws IOException {
    assertEquals(
        List.of(),
        problems(
            List.of(DeployedFunction.values()),
            functionClasses(),
            parseFunctions(read("functions.tf")),
            read("scheduler.tf")));
  }

  @Test
  void removingAFunctionFromInfraAloneIsCaught() throws IOException {
    String tf = read("functions.tf");
    Map<String, TfFunction> parsed = parseFunctions(tf);
    parsed.remove("publish-site");
    List<String> problems =
        problems(
            List.of(DeployedFunction.values()), functionClasses(), parsed, read("scheduler.tf"));
    assertTrue(
        problems.contains("publish-site: no function resource in infra/functions.tf"),
        problems.toString());
  }

  @Test
  void removingAVariableFromInfraAloneIsCaught() throws IOException {
    String tf =
        read("functions.tf")
            .replaceFirst("(?m)^\\s*SITE_BUCKET\\s*=.*\\R(?=(?s).*\"publish-site\")", "");
    String publish = tf.substring(tf.indexOf("\"publish-site\""));
    String withoutBucket = publish.replaceFirst("(?m)^\\s*SITE_BUCKET\\s*=.*\\R", "");
    Map<String, TfFunction> parsed = parseFunctions(tf.replace(publish, withoutBucket));
    List<String> problems =
        problems(
            List.of(DeployedFunction.values()), functionClasses(), parsed, read("scheduler.tf"));
    assertTrue(
        problems.contains("publish-site: requires SITE_BUCKET but infra does not set it"),
        problems.toString());
  }

  @Test
  void aFunctionClassOrCatalogEntryAddedInCodeAloneIsCaught() throws IOException {
    Map<String, TfFunction> parsed = parseFunctions(read("functions.tf"));
    Set<String> classes = new TreeSet<>(functionClasses());
    classes.add("dev.trustcenter.extra.NewFunction");
    List<String> problems =
        problems(List.of(DeployedFunction.values()), classes, parsed, read("scheduler.tf"));
    assertTrue(
        problems.contains(
            "dev.trustcenter.extra.NewFunction: a function class missing from DeployedFunction"),
        problems.toString());
    List<DeployedFunction> withoutAdmin =
        Stream.of(DeployedFunction.values())
            .filter(f -> f != DeployedFunction.TRUST_ADMIN)
            .toList();
    problems = problems(withoutAdmin, functionClasses(), parsed, read("scheduler.tf"));
    assertTrue(
        problems.contains("trust-admin: deployed by infra but unknown to the code"),
        problems.toString());
  }

  @Test
  void aSchedulerJobWithoutOidcIsCaught() throws IOException {
    List<String> problems =
        problems(
            List.of(DeployedFunction.values()),
            functionClasses(),
            parseFunctions(read("functions.tf")),
            read("scheduler.tf").replace("oidc_token", "http_headers_only"));
    assertTrue(
        problems.contains(
            "scheduler.tf: scheduled functions must each get a job with an OIDC token"),
        problems.toString());
  }

  @Test
  void onlyTrustApiAndThePublicSiteObjectsAreGrantedToAllUsers() throws IOException {
    List<String> grants = new ArrayList<>();
    try (Stream<Path> files = Files.walk(INFRA)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".tf")).toList()) {
        List<String> lines = Files.readAllLines(p);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i);
          if (line.trim().startsWith("#")) {
            continue;
          }
          if (line.contains("allAuthenticatedUsers")) {
            grants.add(p.getFileName() + ": allAuthenticatedUsers");
          }
          if (line.contains("\"allUsers\"")) {
            grants.add(p.getFileName() + ": " + line.trim());
          }
        }
      }
    }
    // iam.tf grants the invoker role to allUsers only for functions marked public (trust-api,
    // checked above);
    // storage.tf lets allUsers read the site bucket's objects: the public page itself, served by
    // the load balancer.
    assertEquals(
        List.of(
            "iam.tf: { for name, fn in local.functions : \"${name}/allUsers\" => { function = name, member = \"allUsers\" } if fn.public },",
            "storage.tf: member = \"allUsers\""),
        grants.stream().sorted().toList());
    String storage = read("storage.tf");
    int at = storage.indexOf("member = \"allUsers\"");
    String resource = storage.substring(storage.lastIndexOf("resource ", at), at);
    // Object reads only: objectViewer would also let anyone list the bucket.
    assertTrue(
        resource.contains("\"roles/storage.legacyObjectReader\"")
            && resource.contains("google_storage_bucket.site.name"),
        resource);
  }
}
