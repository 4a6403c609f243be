package dev.trustcenter.site;

import com.sun.net.httpserver.HttpServer;
import dev.trustcenter.testing.Chromium;
import dev.trustcenter.testing.LocalServerFixture;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * First contentful paint of {@code /en/} in headless Chromium, served by the local server, against
 * a minimal one-paragraph page served from memory on the same machine (the browser's own floor).
 * Alternating loads with the browser cache cleared before each; prints both medians and the ratio.
 * A benchmark, not a test: {@code bash bench/first-paint.sh}.
 */
public final class FirstPaintBenchmark {
  private static final int RUNS = 9;

  public static void main(String[] args) throws Exception {
    Path data = Files.createTempDirectory("first-paint");
    byte[] minimal =
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>Minimal</title></head><body><p>Hello</p></body></html>"
            .getBytes(StandardCharsets.UTF_8);
    HttpServer baseline = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    baseline.createContext(
        "/",
        ex -> {
          ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          ex.sendResponseHeaders(200, minimal.length);
          ex.getResponseBody().write(minimal);
          ex.close();
        });
    baseline.start();
    ChromeDriver driver = null;
    try (LocalServerFixture server = LocalServerFixture.start(data)) {
      driver =
          Chromium.options().windowSize(1280, 900).start(Files.createTempDirectory("first-paint"));
      driver.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(10));
      String site = "http://127.0.0.1:" + server.port() + "/en/";
      String floor = "http://127.0.0.1:" + baseline.getAddress().getPort() + "/";
      measure(driver, site);
      measure(driver, floor);
      List<Double> siteFcp = new ArrayList<>();
      List<Double> floorFcp = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        floorFcp.add(measure(driver, floor));
        siteFcp.add(measure(driver, site));
      }
      double s = median(siteFcp);
      double f = median(floorFcp);
      System.out.printf(
          "first contentful paint, %d alternating cold-cache loads each (ms): minimal page %s | /en/ %s%n",
          RUNS, floorFcp, siteFcp);
      System.out.printf(
          "median minimal page: %.1f ms%nmedian /en/: %.1f ms%nratio /en/ / minimal page: %.2f%n",
          f, s, s / f);
    } finally {
      Chromium.quit(driver);
      baseline.stop(0);
    }
  }

  private static double measure(ChromeDriver driver, String url) {
    driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
    driver.get("about:blank");
    driver.get(url);
    // Headless Chromium may record the paint after the load event: wait for it (buffered), at most
    // 5 s.
    Object fcp =
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "new PerformanceObserver((list, obs) => {"
                + "  const e = list.getEntries().find(p => p.name === 'first-contentful-paint');"
                + "  if (e) { obs.disconnect(); done(e.startTime); }"
                + "}).observe({type: 'paint', buffered: true});"
                + "setTimeout(() => done(null), 5000);");
    if (!(fcp instanceof Number n)) {
      throw new IllegalStateException("no first-contentful-paint entry for " + url);
    }
    return n.doubleValue();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
