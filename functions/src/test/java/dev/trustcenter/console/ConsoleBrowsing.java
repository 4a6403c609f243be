package dev.trustcenter.console;

import static org.junit.jupiter.api.Assertions.fail;

import dev.trustcenter.testing.LocalServerFixture;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the console's browser tests do alike: sign in with the dev token, read the notice. */
final class ConsoleBrowsing {
  private ConsoleBrowsing() {}

  /** Opens the console in English at {@code base}, signing in with the dev token if asked to. */
  static void signIn(WebDriver browser, String base) {
    browser.get(base + "/admin/?lang=en");
    if (browser.getCurrentUrl().endsWith("/sign-in")) {
      browser.findElement(By.id("token")).sendKeys(LocalServerFixture.DEV_TOKEN, Keys.ENTER);
      new WebDriverWait(browser, Duration.ofSeconds(10))
          .until(d -> d.getCurrentUrl().endsWith("/admin/"));
    }
  }

  /** The page's notice, or a failure showing the page. */
  static String notice(WebDriver browser) {
    List<WebElement> n = browser.findElements(By.cssSelector(".notice"));
    if (n.isEmpty()) {
      fail(
          "no notice on "
              + browser.getCurrentUrl()
              + ": "
              + browser.findElement(By.tagName("main")).getText());
    }
    return n.get(0).getText();
  }
}
