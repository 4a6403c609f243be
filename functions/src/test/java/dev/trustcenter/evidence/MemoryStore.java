package dev.trustcenter.evidence;

import dev.trustcenter.store.DocumentStore;
import dev.trustcenter.store.Range;
import dev.trustcenter.store.StoredDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory fake of our own store port, for tests and the benchmark that append tens of
 * thousands of entries (the file store forces every document to disk). Transactions are serialized
 * and apply all writes or none.
 */
final class MemoryStore implements DocumentStore {
  private final Map<String, TreeMap<String, String>> collections = new TreeMap<>();

  @Override
  public synchronized Optional<StoredDocument> get(String collection, String id) {
    String json = collections.getOrDefault(collection, new TreeMap<>()).get(id);
    return Optional.ofNullable(json).map(j -> new StoredDocument(id, j));
  }

  @Override
  public synchronized List<StoredDocument> list(String collection, Range range) {
    NavigableMap<String, String> docs = collections.getOrDefault(collection, new TreeMap<>());
    if (range.fromId() != null) {
      docs = docs.tailMap(range.fromId(), true);
    }
    if (range.toId() != null) {
      docs = docs.headMap(range.toId(), false);
    }
    if (range.descending()) {
      docs = docs.descendingMap();
    }
    List<StoredDocument> out = new ArrayList<>();
    for (Map.Entry<String, String> e : docs.entrySet()) {
      if (out.size() == range.limit()) {
        break;
      }
      out.add(new StoredDocument(e.getKey(), e.getValue()));
    }
    return out;
  }

  @Override
  public synchronized boolean createIfAbsent(String collection, String id, String json) {
    return collections.computeIfAbsent(collection, c -> new TreeMap<>()).putIfAbsent(id, json)
        == null;
  }

  @Override
  public synchronized <T> T transaction(TransactionWork<T> work) {
    Map<String, Map<String, String>> writes = new LinkedHashMap<>();
    T result =
        work.run(
            new Transaction() {
              @Override
              public Optional<StoredDocument> get(String collection, String id) {
                Map<String, String> w = writes.get(collection);
                if (w != null && w.containsKey(id)) {
                  return Optional.ofNullable(w.get(id)).map(j -> new StoredDocument(id, j));
                }
                return MemoryStore.this.get(collection, id);
              }

              @Override
              public List<StoredDocument> list(String collection, Range range) {
                return MemoryStore.this.list(collection, range);
              }

              @Override
              public void put(String collection, String id, String json) {
                writes.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(id, json);
              }

              @Override
              public void delete(String collection, String id) {
                writes.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(id, null);
              }
            });
    writes.forEach(
        (c, docs) ->
            docs.forEach(
                (id, json) -> {
                  TreeMap<String, String> target =
                      collections.computeIfAbsent(c, x -> new TreeMap<>());
                  if (json == null) {
                    target.remove(id);
                  } else {
                    target.put(id, json);
                  }
                }));
    return result;
  }

  @Override
  public void close() {}
}
