package dev.trustcenter.testing;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Browser tests: submitting a page's form as a person does, then reading the page that follows,
 * never the old one.
 */
public final class Forms {
  private Forms() {}

  /**
   * Clicks the submit button of the form {@code formSelector} and waits until the browser has left
   * the page.
   */
  public static void submit(WebDriver driver, String formSelector) {
    follow(driver, driver.findElement(By.cssSelector(formSelector + " button[type=submit]")));
  }

  /**
   * Clicks {@code element} (a link or a submit button) and waits until the browser has left the
   * page it was on.
   */
  public static void follow(WebDriver driver, WebElement element) {
    element.click();
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(
            d -> {
              try {
                return ExpectedConditions.stalenessOf(element).apply(d);
              } catch (org.openqa.selenium.WebDriverException e) {
                // Chromium sometimes reports the old page's node as "not in the document" instead
                // of stale: the browser has left the page either way.
                return e.getMessage() != null
                    && e.getMessage().contains("does not belong to the document");
              }
            });
  }
}
