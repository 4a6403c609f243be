package dev.trustcenter.console;

import dev.trustcenter.admin.AdminApi;
import dev.trustcenter.store.DocumentStore;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's operations pages: documents, subprocessor lists, subscribers and runs. Each change
 * goes through the admin API in-process ({@link AdminApi#call}), so it is validated and audited
 * like an API request; the pages only read what they show.
 */
final class Operations {
  private static final Pattern DOCUMENT =
      Pattern.compile("/documents/([a-z0-9][a-z0-9-]{0,62})/(replace|delete)");
  private static final Pattern LIST = Pattern.compile("/lists/([a-z0-9-]{1,40})/(accept|reject)");
  private static final Pattern SUBSCRIBER = Pattern.compile("/subscribers/([0-9a-f]{32})/remove");

  private final DocumentsPage documents;
  private final ListsPage lists;
  private final SubscribersPage subscribers;
  private final RunsPage runs;

  Operations(AdminConsole console, DocumentStore store) {
    this.documents = new DocumentsPage(console);
    this.lists = new ListsPage(console, store);
    this.subscribers = new SubscribersPage(console);
    this.runs = new RunsPage(console, store);
  }

  /**
   * Whether a POST to {@code path} may carry a file (a document upload or replacement); only those
   * forms may be larger than {@link Form#MAX_BYTES}.
   */
  static boolean takesFiles(String path) {
    Matcher d = DOCUMENT.matcher(path);
    return path.equals("/documents") || (d.matches() && d.group(2).equals("replace"));
  }

  /** Serves a GET of one of these pages; false when the path is not one of them. */
  boolean get(AdminConsole.Page p, AdminApi api) throws IOException {
    switch (p.path) {
      case "/documents" -> documents.show(p, api, null);
      case "/lists" -> lists.show(p, api, null);
      case "/subscribers" -> subscribers.show(p, api, null);
      case "/runs" -> runs.show(p);
      default -> {
        return false;
      }
    }
    return true;
  }

  /** Serves a POST (CSRF already checked, caller signed in); false when not one of these. */
  boolean post(AdminConsole.Page p, AdminApi api, Form form) throws IOException {
    Matcher d = DOCUMENT.matcher(p.path);
    Matcher l = LIST.matcher(p.path);
    Matcher s = SUBSCRIBER.matcher(p.path);
    if (p.path.equals("/documents")) {
      documents.upload(p, api, form, null);
    } else if (d.matches() && d.group(2).equals("replace")) {
      documents.upload(p, api, form, d.group(1));
    } else if (d.matches()) {
      documents.delete(p, api, form, d.group(1));
    } else if (p.path.equals("/lists/sync")) {
      lists.syncNow(p, api);
    } else if (l.matches()) {
      lists.decide(p, api, form, l.group(1), l.group(2));
    } else if (s.matches()) {
      subscribers.remove(p, api, form, s.group(1));
    } else {
      return false;
    }
    return true;
  }
}
