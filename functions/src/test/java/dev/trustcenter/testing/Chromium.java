package dev.trustcenter.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Real headless Chromium for browser tests (Debian's {@code chromium} and {@code chromium-driver}):
 * the one place that knows where the browser is, what happens when it is missing, how a driver is
 * started, and how axe-core checks a page.
 *
 * <p>Start a driver with {@code Chromium.options().javaScript(false).start(profiles)}; check the
 * page it shows with {@link #assertNoAxeViolations}.
 */
public final class Chromium {
  public static final Path BINARY = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  /** The axe-core rule tags every page is held to: WCAG 2.x A and AA, and best practices. */
  public static final List<String> AXE_TAGS =
      List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice");

  private static String axeSource;

  private Chromium() {}

  /**
   * Skips the calling test (with a message on stderr) when Chromium or chromedriver is missing, and
   * fails it instead when {@code CI=true}: CI must run the browser tests, a laptop need not.
   *
   * @param what the tests being skipped, for the message ("console browser tests")
   */
  public static void requireOrSkip(String what) {
    if (Files.isExecutable(BINARY) && Files.isExecutable(DRIVER)) {
      return;
    }
    String message =
        "Chromium or chromedriver missing ("
            + BINARY
            + ", "
            + DRIVER
            + "): "
            + what
            + " skipped; install with: apt-get install -y chromium chromium-driver";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " (required in CI)");
    }
    System.err.println("SKIPPED: " + message);
    Assumptions.abort(message);
  }

  /** Options for a new headless driver; JavaScript on, no console logs, Chromium's window size. */
  public static Options options() {
    return new Options();
  }

  /** How one driver is started. Each setter returns {@code this}. */
  public static final class Options {
    private boolean javaScript = true;
    private boolean consoleLogs;
    private String lang;
    private String windowSize;
    private final Map<String, Object> prefs = new HashMap<>();

    private Options() {}

    /** With {@code false}, the profile blocks JavaScript on every site. */
    public Options javaScript(boolean on) {
      javaScript = on;
      return this;
    }

    /** Keeps the browser console's messages (all levels) for {@link #consoleWarnings}. */
    public Options consoleLogs() {
      consoleLogs = true;
      return this;
    }

    /** The browser's UI and {@code Accept-Language} language, such as {@code en-US}. */
    public Options lang(String language) {
      lang = language;
      return this;
    }

    public Options windowSize(int width, int height) {
      windowSize = width + "," + height;
      return this;
    }

    /** A Chromium profile preference, such as {@code download.default_directory}. */
    public Options pref(String name, Object value) {
      prefs.put(name, value);
      return this;
    }

    /**
     * Starts the driver with a fresh profile in a new directory under {@code profiles} (a test's
     * temp dir), so parallel runs never share one; page loads time out after 30 s, scripts (axe)
     * after 60 s. The caller quits it ({@link #quit}).
     */
    public ChromeDriver start(Path profiles) throws IOException {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(BINARY.toFile());
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--headless=new",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-dev-shm-usage",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--no-first-run"));
      if (windowSize != null) {
        args.add("--window-size=" + windowSize);
      }
      if (lang != null) {
        args.add("--lang=" + lang);
      }
      args.add(
          "--user-data-dir=" + Files.createTempDirectory(profiles, "chromium").toAbsolutePath());
      options.addArguments(args);
      Map<String, Object> allPrefs = new HashMap<>(prefs);
      if (!javaScript) {
        allPrefs.put("profile.managed_default_content_settings.javascript", 2);
      }
      if (!allPrefs.isEmpty()) {
        options.setExperimentalOption("prefs", allPrefs);
      }
      if (consoleLogs) {
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
      }
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(DRIVER.toFile())
              .usingAnyFreePort()
              .withLogFile(new File("/dev/null"))
              .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      return driver;
    }
  }

  /** Quits each driver that was started (nulls are skipped, for a setup that failed midway). */
  public static void quit(WebDriver... drivers) {
    for (WebDriver driver : drivers) {
      if (driver != null) {
        driver.quit();
      }
    }
  }

  /**
   * The console messages at warning level or above since the last call (reading drains them); needs
   * {@link Options#consoleLogs}.
   */
  public static List<LogEntry> consoleWarnings(WebDriver driver) {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .toList();
  }

  /**
   * Runs axe-core ({@code /axe.min.js}) with {@link #AXE_TAGS} on the page {@code driver} shows.
   *
   * @return {@code passes} (the number of rules passed) and {@code violations} (each with its id,
   *     impact, help text and up to five failing nodes)
   */
  public static JsonObject axe(WebDriver driver) {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript(axeSource());
    Object result =
        js.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
                + ".then(function (r) { done(JSON.stringify({passes: r.passes.length, violations: r.violations.map(function (v) {"
                + "  return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(function (n) { return n.target.join(' ') + ': ' + n.failureSummary; })};"
                + "})})); })"
                + ".catch(function (e) { done('axe failed: ' + e); });",
            AXE_TAGS);
    String json = String.valueOf(result);
    assertTrue(json.startsWith("{"), json);
    return JsonParser.parseString(json).getAsJsonObject();
  }

  /**
   * Asserts that axe-core ran its rules (more than ten passed) and found no violation on the page
   * {@code driver} shows; {@code page} names it in the failure message.
   */
  public static void assertNoAxeViolations(WebDriver driver, String page) {
    JsonObject parsed = axe(driver);
    assertTrue(parsed.get("passes").getAsInt() > 10, "axe ran its rules on " + page);
    assertEquals(
        0,
        parsed.getAsJsonArray("violations").size(),
        "axe violations on " + page + ": " + parsed.get("violations"));
  }

  private static synchronized String axeSource() {
    if (axeSource == null) {
      try (InputStream in = Chromium.class.getResourceAsStream("/axe.min.js")) {
        if (in == null) {
          throw new IllegalStateException("/axe.min.js missing from the test classpath");
        }
        axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return axeSource;
  }
}
