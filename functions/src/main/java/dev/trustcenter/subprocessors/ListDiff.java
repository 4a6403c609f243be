package dev.trustcenter.subprocessors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The difference between two versions of a list, on normalized entries matched by {@link
 * UpstreamEntry#key()}. Rows that share a key (the same company listed twice in one group, e.g.
 * once per product) are merged first: their countries are united and their distinct activities
 * joined, so reordering rows on the page is no change. Country order is not significant either; a
 * change of case in the name or group is reported as such.
 */
final class ListDiff {
  private ListDiff() {}

  /** One difference. {@code before} is null for added entries, {@code after} for removed ones. */
  record Change(String kind, UpstreamEntry before, UpstreamEntry after, List<String> fields) {
    String key() {
      return (after != null ? after : before).key();
    }
  }

  /** Added, removed and changed entries, each kind in key order. */
  static List<Change> between(List<UpstreamEntry> before, List<UpstreamEntry> after) {
    Map<String, UpstreamEntry> old = merged(before);
    Map<String, UpstreamEntry> now = merged(after);
    List<Change> added = new ArrayList<>();
    List<Change> removed = new ArrayList<>();
    List<Change> changed = new ArrayList<>();
    for (Map.Entry<String, UpstreamEntry> e : now.entrySet()) {
      UpstreamEntry was = old.get(e.getKey());
      if (was == null) {
        added.add(new Change(ChangeEvent.ADDED, null, e.getValue(), List.of()));
      } else {
        List<String> fields = fields(was, e.getValue());
        if (!fields.isEmpty()) {
          changed.add(new Change(ChangeEvent.CHANGED, was, e.getValue(), fields));
        }
      }
    }
    for (Map.Entry<String, UpstreamEntry> e : old.entrySet()) {
      if (!now.containsKey(e.getKey())) {
        removed.add(new Change(ChangeEvent.REMOVED, e.getValue(), null, List.of()));
      }
    }
    List<Change> all = new ArrayList<>();
    for (List<Change> kind : List.of(added, removed, changed)) {
      kind.sort(java.util.Comparator.comparing(Change::key));
      all.addAll(kind);
    }
    return all;
  }

  private static List<String> fields(UpstreamEntry a, UpstreamEntry b) {
    List<String> fields = new ArrayList<>();
    if (!a.name().equals(b.name())) {
      fields.add("name");
    }
    if (!a.group().equals(b.group())) {
      fields.add("group");
    }
    if (!Set.copyOf(a.countries()).equals(Set.copyOf(b.countries()))) {
      fields.add("countries");
    }
    if (!a.activity().equals(b.activity())) {
      fields.add("activity");
    }
    return fields;
  }

  /** Entries by key, rows sharing a key merged, in key order. */
  static Map<String, UpstreamEntry> merged(List<UpstreamEntry> entries) {
    Map<String, List<UpstreamEntry>> byKey = new java.util.TreeMap<>();
    for (UpstreamEntry e : Objects.requireNonNull(entries)) {
      byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
    }
    Map<String, UpstreamEntry> out = new LinkedHashMap<>();
    byKey.forEach(
        (key, rows) -> {
          if (rows.size() == 1) {
            out.put(key, rows.get(0));
            return;
          }
          Set<String> countries = new LinkedHashSet<>();
          Set<String> activities = new java.util.TreeSet<>();
          for (UpstreamEntry r : rows) {
            countries.addAll(r.countries());
            if (!r.activity().isEmpty()) {
              activities.add(r.activity());
            }
          }
          UpstreamEntry first = rows.get(0);
          out.put(
              key,
              new UpstreamEntry(
                  first.name(),
                  List.copyOf(countries),
                  String.join("; ", activities),
                  first.group()));
        });
    return out;
  }
}
