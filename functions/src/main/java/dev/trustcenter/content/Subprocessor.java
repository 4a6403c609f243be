package dev.trustcenter.content;

import com.google.gson.annotations.JsonAdapter;
import java.util.List;
import java.util.Objects;

/**
 * A direct subprocessor of the company (Google Cloud, Cloudflare). Its own upstream list of
 * subprocessors is kept separately, refreshed from {@code subprocessorListUrl}.
 *
 * @param dataLocations where it processes data, when known, in every language (stored plain strings
 *     from before are read as the same text in both); empty when not stated (never guessed)
 */
public record Subprocessor(
    String id,
    String name,
    Text purpose,
    @JsonAdapter(DataLocations.class) List<Text> dataLocations,
    String subprocessorListUrl,
    String dpaUrl,
    Text notes,
    int position) {
  public Subprocessor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(purpose, "purpose");
    dataLocations = dataLocations == null ? List.of() : List.copyOf(dataLocations);
    Objects.requireNonNull(notes, "notes");
  }
}
