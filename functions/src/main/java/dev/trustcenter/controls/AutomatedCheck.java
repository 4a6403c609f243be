package dev.trustcenter.controls;

import java.util.Objects;

/**
 * What every automated check of {@link Checks#all} has in common: its stable id, the control it
 * checks and whether its evidence is public, given once to this constructor, so a check class holds
 * only its own inspection ({@link #run()}). A setting it needs and does not have becomes {@link
 * Finding#notConfigured}.
 */
abstract class AutomatedCheck implements ControlCheck {
  private final String id;
  private final String controlId;
  private final boolean publicEvidence;

  /**
   * @param id the check's stable id, recorded as {@code checkedBy}
   * @param controlId the control of the seed it checks
   * @param publicEvidence whether visitors may see the evidence; say why in a comment beside it
   */
  AutomatedCheck(String id, String controlId, boolean publicEvidence) {
    this.id = Objects.requireNonNull(id, "id");
    this.controlId = Objects.requireNonNull(controlId, "controlId");
    this.publicEvidence = publicEvidence;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String controlId() {
    return controlId;
  }

  @Override
  public final boolean publicEvidence() {
    return publicEvidence;
  }
}
