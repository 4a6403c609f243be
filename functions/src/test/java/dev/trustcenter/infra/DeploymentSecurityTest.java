package dev.trustcenter.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Who can become the deployer, and what the deployer can do: Workload Identity Federation only for
 * this repository's protected environments, OIDC tokens only for the deploy job, deploys only of
 * commits whose CI passed, actions pinned to commits, the Cloudflare token only in the steps that
 * call Cloudflare, and project IAM only for the roles {@code infra/} grants.
 */
class DeploymentSecurityTest {
  static final Path WORKFLOWS = Path.of("..", ".github", "workflows");
  static final Path BOOTSTRAP = InfraConsistencyTest.INFRA.resolve("bootstrap");

  @SuppressWarnings("unchecked")
  static Map<String, Object> workflow(String file) throws IOException {
    return new Yaml().load(Files.readString(WORKFLOWS.resolve(file)));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> jobs(Map<String, Object> workflow) {
    return (Map<String, Map<String, Object>>) workflow.get("jobs");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps(Map<String, Object> job) {
    return (List<Map<String, Object>>) job.getOrDefault("steps", List.of());
  }

  @Test
  void everyActionIsPinnedToACommit() throws IOException {
    List<String> unpinned = new ArrayList<>();
    try (Stream<Path> files = Files.list(WORKFLOWS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
        for (Map<String, Object> job : jobs(workflow(f.getFileName().toString())).values()) {
          for (Map<String, Object> step : steps(job)) {
            Object uses = step.get("uses");
            if (uses != null && !uses.toString().matches("[\\w.-]+/[\\w./-]+@[0-9a-f]{40}")) {
              unpinned.add(f.getFileName() + ": " + uses);
            }
          }
        }
      }
    }
    assertEquals(List.of(), unpinned);
  }

  @Test
  void onlyTheDeployJobMayRequestAnOidcToken() throws IOException {
    List<String> holders = new ArrayList<>();
    try (Stream<Path> files = Files.list(WORKFLOWS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
        Map<String, Object> wf = workflow(f.getFileName().toString());
        assertFalse(
            String.valueOf(wf.get("permissions")).contains("id-token"),
            f + ": id-token at workflow level");
        jobs(wf)
            .forEach(
                (name, job) -> {
                  if (String.valueOf(job.get("permissions")).contains("id-token=write")) {
                    holders.add(f.getFileName() + ":" + name);
                  }
                });
      }
    }
    assertEquals(List.of("deploy.yml:terraform"), holders);
  }

  @Test
  void aDeployBuildsOnlyACommitWhoseCiPassed() throws IOException {
    Map<String, Map<String, Object>> jobs = jobs(workflow("deploy.yml"));
    assertEquals("ci-passed", jobs.get("build").get("needs"));
    assertEquals("build", jobs.get("terraform").get("needs"));
    String gate = steps(jobs.get("ci-passed")).get(0).get("run").toString();
    assertTrue(gate.contains("actions/workflows/ci.yml/runs?head_sha=$SHA&status=success"), gate);
    assertTrue(gate.contains("exit 1"), gate);
    assertTrue(workflow("ci.yml").get("name").equals("CI"));
  }

  @Test
  void theCloudflareTokenReachesOnlyTheStepsThatCallCloudflare() throws IOException {
    List<String> seen = new ArrayList<>();
    try (Stream<Path> files = Files.list(WORKFLOWS)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
        Map<String, Object> wf = workflow(f.getFileName().toString());
        assertFalse(
            String.valueOf(wf.get("env")).contains("secrets."),
            f + ": secrets in the workflow env");
        jobs(wf)
            .forEach(
                (name, job) -> {
                  assertFalse(
                      String.valueOf(job.get("env")).contains("secrets."),
                      f + ":" + name + ": secrets in the job env");
                  for (Map<String, Object> step : steps(job)) {
                    if (String.valueOf(step.get("env"))
                        .contains("secrets.CLOUDFLARE_TERRAFORM_API_TOKEN")) {
                      seen.add(name + ":" + step.get("name"));
                    }
                    assertFalse(
                        String.valueOf(step.get("run")).contains("secrets."),
                        "a secret inlined into a script: " + step.get("name"));
                  }
                });
      }
    }
    assertEquals(List.of("terraform:terraform plan", "terraform:terraform apply"), seen);
  }

  @Test
  void ciValidatesBothTerraformRootsAgainstTheProviders() throws IOException {
    List<Map<String, Object>> steps = steps(jobs(workflow("ci.yml")).get("terraform"));
    Set<String> validated = new TreeSet<>();
    for (Map<String, Object> step : steps) {
      String run = String.valueOf(step.get("run"));
      if (run.contains("terraform init -backend=false") && run.contains("terraform validate")) {
        validated.add(String.valueOf(step.get("working-directory")));
      }
    }
    assertEquals(Set.of("infra", "infra/bootstrap"), validated);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Bootstrap: Workload Identity Federation and the deployer's roles
  // ---------------------------------------------------------------------------------------------------------

  @Test
  void onlyTheProtectedEnvironmentsOfThisRepositoryGetCredentials() {
    Hcl.Block bootstrap = Hcl.readDir(BOOTSTRAP);
    String condition =
        bootstrap
            .find("resource", "google_iam_workload_identity_pool_provider", "github")
            .attr("attribute_condition");
    assertTrue(
        condition.contains("assertion.repository_id == \\\"${var.github_repository_id}\\\""),
        condition);
    assertTrue(
        condition.contains(
            "assertion.environment == \\\"production\\\" && assertion.ref.startsWith(\\\"refs/tags/v\\\")"),
        condition);
    assertTrue(condition.contains("assertion.environment == \\\"plan\\\""), condition);
    String deployer =
        bootstrap
            .find("resource", "google_service_account_iam_member", "deployer_wif")
            .attr("member");
    assertTrue(deployer.endsWith("/attribute.environment/production\""), deployer);
    String planner =
        bootstrap
            .find("resource", "google_service_account_iam_member", "planner_wif")
            .attr("member");
    assertTrue(planner.endsWith("/attribute.environment/plan\""), planner);
    List<String> plannerRoles =
        Hcl.strings(
            strip(
                bootstrap
                    .find("resource", "google_project_iam_member", "planner")
                    .attr("for_each")));
    assertEquals(List.of("roles/viewer", "roles/iam.securityReviewer"), plannerRoles);
  }

  @Test
  void theDeployerMayGrantOnlyTheProjectRolesInfraGrants() {
    Hcl.Block bootstrap = Hcl.readDir(BOOTSTRAP);
    Map<String, String> locals = Hcl.locals(bootstrap);
    List<String> deployerRoles = Hcl.strings(locals.get("deployer_roles"));
    assertFalse(
        deployerRoles.contains("roles/resourcemanager.projectIamAdmin"),
        "unconditional projectIamAdmin");
    assertFalse(
        deployerRoles.contains("roles/owner") || deployerRoles.contains("roles/editor"),
        deployerRoles.toString());
    Hcl.Block conditional =
        bootstrap.find("resource", "google_project_iam_member", "deployer_grants_infra_roles");
    assertEquals("\"roles/resourcemanager.projectIamAdmin\"", conditional.attr("role"));
    assertTrue(
        conditional
            .block("condition")
            .attr("expression")
            .contains("modifiedGrantsByRole', []).hasOnly("));
    Set<String> grantable = new TreeSet<>(Hcl.strings(locals.get("grantable_project_roles")));
    assertEquals(grantable, projectRolesInfraGrants());
  }

  /**
   * Every project-level role {@code infra/} grants, custom roles as {@code
   * projects/${var.project_id}/roles/<id>}.
   */
  static Set<String> projectRolesInfraGrants() {
    Hcl.Block infra = Hcl.readDir(InfraConsistencyTest.INFRA);
    Set<String> roles = new TreeSet<>();
    Pattern literal = Pattern.compile("\"(roles/[A-Za-z.]+)\"");
    Pattern custom = Pattern.compile("google_project_iam_custom_role\\.([a-z_]+)\\.id");
    List<String> texts = new ArrayList<>();
    for (Hcl.Block r : infra.blocks("resource")) {
      if (r.labels().get(0).equals("google_project_iam_member")) {
        texts.add(r.attr("for_each") + "\n" + r.attr("role"));
      }
    }
    texts.add(Hcl.locals(infra).get("project_grants"));
    for (String t : texts) {
      Matcher m = literal.matcher(t);
      while (m.find()) {
        roles.add(m.group(1));
      }
      Matcher c = custom.matcher(t);
      while (c.find()) {
        String roleId =
            Hcl.string(
                infra
                    .find("resource", "google_project_iam_custom_role", c.group(1))
                    .attr("role_id"));
        roles.add("projects/${var.project_id}/roles/" + roleId);
      }
    }
    return roles;
  }

  private static String strip(String toset) {
    return toset.substring("toset(".length(), toset.length() - 1);
  }
}
