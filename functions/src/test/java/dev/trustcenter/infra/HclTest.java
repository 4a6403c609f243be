package dev.trustcenter.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Terraform reader on the constructs {@code infra/} uses, and on input it must refuse. */
class HclTest {
  @Test
  void readsBlocksAttributesCommentsTemplatesAndMultiLineExpressions() {
    Hcl.Block root =
        Hcl.parse(
            """
        # a comment { with braces }
        // another
        /* a block comment " with a quote */
        resource "google_x" "site" {
          name = "${var.p}-site" # trailing
          url  = "https://${var.h}/${join(",", [for s in local.x : "${s}/}"])}"
          list = [
            "a", # one
            "b",
          ]
          text = <<-EOT
            not { a block "
          EOT
          dynamic "rule" {
            for_each = chunklist(var.r, 10)
            content {
              action = "allow"
            }
          }
        }
        locals {
          m = {
            "k-1" = { a = 1, b = "x" }
            k2    = null
          }
        }
        """);
    Hcl.Block r = root.find("resource", "google_x", "site");
    assertEquals("\"${var.p}-site\"", r.attr("name"));
    assertEquals(
        "\"https://${var.h}/${join(\",\", [for s in local.x : \"${s}/}\"])}\"", r.attr("url"));
    assertEquals(List.of("a", "b"), Hcl.strings(r.attr("list")));
    assertEquals("\"allow\"", r.blocks("dynamic").get(0).block("content").attr("action"));
    assertEquals(List.of("rule"), r.blocks("dynamic").get(0).labels());
    Map<String, String> m = Hcl.object(Hcl.locals(root).get("m"));
    assertEquals(List.of("k-1", "k2"), List.copyOf(m.keySet()));
    assertEquals(Map.of("a", "1", "b", "\"x\""), Hcl.object(m.get("k-1")));
    assertEquals("null", m.get("k2"));
  }

  @Test
  void refusesBrokenInput() {
    assertThrows(IllegalArgumentException.class, () -> Hcl.parse("a = \"open\n"));
    assertThrows(IllegalArgumentException.class, () -> Hcl.parse("a = [1, 2\n"));
    assertThrows(IllegalArgumentException.class, () -> Hcl.parse("a = 1\na = 2\n"));
    assertThrows(IllegalArgumentException.class, () -> Hcl.string("\"${var.x}\" + 1"));
    assertThrows(IllegalArgumentException.class, () -> Hcl.object("[1]"));
  }
}
