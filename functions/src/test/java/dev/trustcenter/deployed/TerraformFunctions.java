package dev.trustcenter.deployed;

import dev.trustcenter.infra.Hcl;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The functions as {@code infra/functions.tf} deploys them: name, entry point and environment. Each
 * env value is a Terraform expression; {@link #environment} resolves it through a table of the
 * references the suite knows (its local stand-ins for the project's buckets, URLs and accounts) and
 * fails naming any reference it does not, so a variable added to the Terraform cannot silently be
 * left out of the suite.
 */
final class TerraformFunctions {
  /** One function: its Terraform name, entry point, env expressions and secret ids. */
  record Deployed(
      String name,
      String entryPoint,
      boolean isPublic,
      Map<String, String> env,
      Map<String, String> secrets) {}

  static final Path INFRA = Path.of("..", "infra");

  private TerraformFunctions() {}

  static Hcl.Block infra() {
    return Hcl.readDir(INFRA);
  }

  static Map<String, String> locals() {
    return Hcl.locals(infra());
  }

  static Map<String, Deployed> read() {
    Map<String, Deployed> out = new LinkedHashMap<>();
    Hcl.object(locals().get("functions"))
        .forEach(
            (name, body) -> {
              Map<String, String> f = Hcl.object(body);
              out.put(
                  name,
                  new Deployed(
                      name,
                      Hcl.string(f.get("entry_point")),
                      "true".equals(f.get("public")),
                      Hcl.object(f.get("env")),
                      Hcl.object(f.get("secrets"))));
            });
    return out;
  }

  /**
   * The environment of {@code f}: each expression resolved by {@code references} (a string literal
   * stands for itself); each secret as infra passes it ({@code
   * projects/<p>/secrets/<id>/versions/latest}).
   *
   * @throws IllegalStateException naming the function, variable and expression nobody resolves
   */
  static Map<String, String> environment(
      Deployed f, Function<String, String> references, String projectId) {
    Map<String, String> env = new LinkedHashMap<>();
    f.env()
        .forEach(
            (key, expr) -> {
              String value = expr.startsWith("\"") ? Hcl.string(expr) : references.apply(expr);
              if (value == null) {
                throw new IllegalStateException(
                    f.name() + ": " + key + " = " + expr + " has no local stand-in in the suite");
              }
              env.put(key, value);
            });
    f.secrets()
        .forEach(
            (key, id) ->
                env.put(
                    key,
                    "projects/" + projectId + "/secrets/" + Hcl.string(id) + "/versions/latest"));
    return env;
  }

  /**
   * Names of the functions that call publish-site with their own identity ({@code
   * local.publish_site_callers}).
   */
  static List<String> publishSiteCallers() {
    return Hcl.strings(locals().get("publish_site_callers"));
  }
}
