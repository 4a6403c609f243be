package dev.trustcenter.site;

import java.util.Map;
import java.util.Objects;

/**
 * What the site shows of the public evidence log: the verifier key (in {@code trust.json} and on
 * control pages) and each control's latest logged result. Read once per render; implemented in the
 * composition root over the {@code evidence} capability.
 */
@FunctionalInterface
public interface EvidenceLogView {

  /** The log as published now. */
  Info read();

  /**
   * @param verifierKey the checkpoint signer's key in note key format ({@code <name>+<hash>+<base64
   *     key>})
   * @param size the size of the last published checkpoint: only entries below it are shown
   * @param latestCheckResult control id to the log index of its latest result
   */
  record Info(String verifierKey, long size, Map<String, Long> latestCheckResult) {
    public Info {
      Objects.requireNonNull(verifierKey, "verifierKey");
      latestCheckResult = Map.copyOf(latestCheckResult);
    }
  }

  /**
   * The model of the control page's evidence section ({@code evidence.mustache}).
   *
   * @param index the latest result's log index
   * @param indexText the sentence naming it
   * @param entryHref the entry bundle holding it
   * @param position its position within the bundle
   * @param checkpointHref the signed checkpoint
   * @param verifierKey the key that signs checkpoints
   */
  record EntryRef(
      long index,
      String indexText,
      String entryHref,
      long position,
      String checkpointHref,
      String verifierKey) {}

  /** A Mustache scope holding the section's model, or null to leave the section out. */
  record Scope(EntryRef evidenceLog) {}
}
