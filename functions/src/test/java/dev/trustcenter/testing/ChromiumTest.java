package dev.trustcenter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.opentest4j.AssertionFailedError;

/**
 * The browser fixture itself: its axe check finds a real violation and names the page, passes a
 * clean page, and a driver started without JavaScript runs none.
 */
@IntegrationTest
class ChromiumTest {
  private static final String CLEAN =
      "<!doctype html><html lang=en><head><meta charset=utf-8><title>Clean</title></head>"
          + "<body><main><h1>Clean</h1><p>Text.</p></main></body></html>";
  private static final String IMAGE_WITHOUT_ALT =
      "<!doctype html><html lang=en><head><meta charset=utf-8><title>Broken</title></head>"
          + "<body><main><h1>Broken</h1><img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='>"
          + "</main></body></html>";
  private static final String SCRIPTED =
      "<!doctype html><html lang=en><head><meta charset=utf-8><title>Scripted</title></head>"
          + "<body><main><h1 id=h>static</h1><script>document.getElementById('h').textContent"
          + " = 'script ran'</script></main></body></html>";

  @TempDir Path profiles;

  private static String data(String html) {
    return "data:text/html;charset=utf-8,"
        + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Test
  void axe_findsAMissingAltText_andTheFailureNamesThePage() throws Exception {
    Chromium.requireOrSkip("browser fixture tests");
    ChromeDriver browser = Chromium.options().start(profiles);
    try {
      browser.get(data(IMAGE_WITHOUT_ALT));
      JsonObject result = Chromium.axe(browser);
      List<String> ids =
          StreamSupport.stream(result.getAsJsonArray("violations").spliterator(), false)
              .map(JsonElement::getAsJsonObject)
              .map(v -> v.get("id").getAsString())
              .toList();
      assertTrue(ids.contains("image-alt"), ids.toString());
      AssertionFailedError failure =
          assertThrows(
              AssertionFailedError.class,
              () -> Chromium.assertNoAxeViolations(browser, "the broken page"));
      assertTrue(
          failure.getMessage().startsWith("axe violations on the broken page"),
          failure.getMessage());
      assertTrue(failure.getMessage().contains("image-alt"), failure.getMessage());

      browser.get(data(CLEAN));
      Chromium.assertNoAxeViolations(browser, "the clean page");
    } finally {
      Chromium.quit(browser);
    }
  }

  @Test
  void aDriverWithoutJavaScript_runsNoScript() throws Exception {
    Chromium.requireOrSkip("browser fixture tests");
    ChromeDriver js = Chromium.options().start(profiles);
    ChromeDriver noJs = Chromium.options().javaScript(false).start(profiles);
    try {
      js.get(data(SCRIPTED));
      noJs.get(data(SCRIPTED));
      assertEquals("script ran", js.findElement(By.id("h")).getText());
      assertEquals("static", noJs.findElement(By.id("h")).getText());
    } finally {
      Chromium.quit(js, noJs);
    }
  }
}
