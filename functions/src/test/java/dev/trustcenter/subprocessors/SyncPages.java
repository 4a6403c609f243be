package dev.trustcenter.subprocessors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Vendor pages for sync tests, built from rows so that a test can change exactly one thing and name
 * the diff.
 */
public final class SyncPages {
  private SyncPages() {}

  /** One row of a page. */
  public record Row(String group, String name, String countries, String activity) {}

  public static Row row(String group, String name, String countries, String activity) {
    return new Row(group, name, countries, activity);
  }

  /** A Cloudflare-like list: a heading per group, a table under each, and the page's date. */
  public static String page(List<Row> rows) {
    Map<String, List<Row>> byGroup = new LinkedHashMap<>();
    rows.forEach(r -> byGroup.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r));
    StringBuilder b =
        new StringBuilder(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Subprocessors</title></head><body>"
                + "<nav><table><tr><td><a href=\"/\">Home</a></td></tr></table></nav><main><h1>Subprocessors</h1>"
                + "<p>Last Updated: October 1, 2025</p>");
    byGroup.forEach(
        (group, list) -> {
          b.append("<h2>")
              .append(group)
              .append(
                  "</h2><table><tr><th>Subprocessor</th><th>Location</th><th>Function</th></tr>");
          for (Row r : list) {
            b.append("<tr><td>")
                .append(r.name())
                .append("</td><td>")
                .append(r.countries())
                .append("</td><td>")
                .append(r.activity())
                .append("</td></tr>");
          }
          b.append("</table>");
        });
    return b.append("</main></body></html>").toString();
  }

  /** Six rows in two groups. */
  public static List<Row> baseline() {
    return List.of(
        row("Affiliates", "Example Inc.", "United States of America", "Provision of the services"),
        row("Affiliates", "Example Ltd", "United Kingdom", "Customer support"),
        row("Affiliates", "Example Portugal, Lda.", "Portugal", "Engineering"),
        row("Developer Platform", "Google LLC", "United States of America", "Cloud infrastructure"),
        row(
            "Developer Platform",
            "Oracle America, Inc.",
            "United States of America",
            "Cloud infrastructure"),
        row(
            "Support",
            "Support Co",
            "Bosnia and Herzegovina, India and Trinidad and Tobago",
            "Technical support"));
  }

  public static MockResponse html(String body) {
    return new MockResponse.Builder()
        .code(200)
        .setHeader("Content-Type", "text/html; charset=utf-8")
        .body(body)
        .build();
  }

  /**
   * Serves one page per path; a test swaps a path's answer (a page, an error, a challenge) between
   * runs. Answers are functions of the attempt so that "503, then success" can be expressed.
   */
  public static final class Site extends Dispatcher {
    private final Map<String, java.util.function.IntFunction<MockResponse>> answers =
        new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> hits =
        new java.util.concurrent.ConcurrentHashMap<>();

    /** Serves {@code html} at {@code path} from now on. */
    public Site page(String path, String html) {
      return answer(path, attempt -> html(html));
    }

    /**
     * Serves {@code answer.apply(attempt)} at {@code path}, attempts counted from 1 from now on.
     */
    public Site answer(String path, java.util.function.IntFunction<MockResponse> answer) {
      hits.put(path, new java.util.concurrent.atomic.AtomicInteger());
      answers.put(path, answer);
      return this;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      java.util.function.IntFunction<MockResponse> a = answers.get(path);
      if (a == null) {
        return new MockResponse.Builder().code(404).build();
      }
      return a.apply(hits.get(path).incrementAndGet());
    }
  }
}
