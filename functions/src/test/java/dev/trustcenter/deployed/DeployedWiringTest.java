package dev.trustcenter.deployed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.config.DeployedFunction;
import dev.trustcenter.infra.Hcl;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the deploy-shaped suite reads from {@code infra/} (without starting anything): the functions
 * and their environment, the front door's routes and Cloudflare's header rules. Runs in the normal
 * {@code mvn verify}.
 */
class DeployedWiringTest {
  @Test
  void theFunctionsAreTheCatalogsWithTheirEntryPoints() {
    Map<String, TerraformFunctions.Deployed> deployed = TerraformFunctions.read();
    Map<String, String> catalog =
        Stream.of(DeployedFunction.values())
            .collect(
                Collectors.toMap(DeployedFunction::deployedName, DeployedFunction::entryPoint));
    Map<String, String> read = new HashMap<>();
    deployed.forEach((name, f) -> read.put(name, f.entryPoint()));
    assertEquals(catalog, read);
    assertEquals(
        Set.of("trust-api"),
        deployed.values().stream()
            .filter(TerraformFunctions.Deployed::isPublic)
            .map(TerraformFunctions.Deployed::name)
            .collect(Collectors.toSet()));
  }

  @Test
  void anEnvironmentReferenceWithoutAStandInFailsNamingIt() {
    TerraformFunctions.Deployed f =
        new TerraformFunctions.Deployed(
            "publish-site",
            "x.Y",
            false,
            Map.of(
                "SITE_BASE_URL",
                "local.site_base_url",
                "FIRESTORE_DATABASE",
                "\"trust-center\"",
                "NEW_THING",
                "var.new_thing"),
            Map.of("CLOUDFLARE_API_TOKEN_SECRET", "\"cloudflare-api-token\""));
    Map<String, String> known = Map.of("local.site_base_url", "http://127.0.0.1:1");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> TerraformFunctions.environment(f, known::get, "p"));
    assertEquals(
        "publish-site: NEW_THING = var.new_thing has no local stand-in in the suite",
        e.getMessage());

    TerraformFunctions.Deployed ok =
        new TerraformFunctions.Deployed(
            "publish-site",
            "x.Y",
            false,
            Map.of(
                "SITE_BASE_URL", "local.site_base_url", "FIRESTORE_DATABASE", "\"trust-center\""),
            Map.of("CLOUDFLARE_API_TOKEN_SECRET", "\"cloudflare-api-token\""));
    assertEquals(
        Map.of(
            "SITE_BASE_URL",
            "http://127.0.0.1:1",
            "FIRESTORE_DATABASE",
            "trust-center",
            "CLOUDFLARE_API_TOKEN_SECRET",
            "projects/p/secrets/cloudflare-api-token/versions/latest"),
        TerraformFunctions.environment(ok, known::get, "p"));
  }

  @Test
  void theFrontDoorRoutesApiToTrustApiWithoutThePrefix() {
    assertEquals(
        List.of(new FrontDoor.Route("/api/", "trust-api", "/")),
        FrontDoor.routesFromTerraform(TerraformFunctions.infra()));
  }

  @Test
  void cloudflaresHeaderRulesLeaveTheApisCachingAlone() {
    List<FrontDoor.HeaderRule> rules =
        FrontDoor.headerRulesFromTerraform(TerraformFunctions.infra());
    assertEquals("public, max-age=0, must-revalidate", cacheControl(rules, "/en/"));
    assertEquals(
        "public, max-age=31536000, immutable", cacheControl(rules, "/assets/site.0123abcd.css"));
    assertEquals(null, cacheControl(rules, "/api/v1/documents/x"));
    for (String path : List.of("/en/", "/api/v1/trust-center")) {
      assertTrue(
          rules.stream()
              .anyMatch(
                  r -> r.matches().test(path) && r.set().containsKey("Content-Security-Policy")),
          path);
    }
  }

  @Test
  void anUnknownRuleConditionIsRefused() {
    Hcl.Block infra = TerraformFunctions.infra();
    String cloudflare =
        """
        resource "cloudflare_ruleset" "response_headers" {
          rules {
            ref        = "x"
            expression = "http.request.uri.query contains \\"a\\""
            action     = "rewrite"
            action_parameters {
              headers {
                name      = "X"
                operation = "set"
                value     = "y"
              }
            }
          }
        }
        """;
    Hcl.Block only =
        new Hcl.Block(
            "", List.of(), infra.attributes(), List.of(Hcl.parse(cloudflare).blocks().get(0)));
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> FrontDoor.headerRulesFromTerraform(only));
    assertTrue(e.getMessage().startsWith("unsupported rule condition"), e.getMessage());
  }

  private static String cacheControl(List<FrontDoor.HeaderRule> rules, String path) {
    String value = null;
    for (FrontDoor.HeaderRule r : rules) {
      if (r.matches().test(path) && r.set().containsKey("Cache-Control")) {
        value = r.set().get("Cache-Control");
      }
    }
    return value;
  }
}
