package dev.trustcenter.site;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A render's derivations are kept for equal values under the same key, for one more render. */
class MemoTest {
  /** A record that counts the walks of its one component (equality reads the field, not this). */
  record Counted(String title) {
    static int walked;

    @Override
    public String title() {
      walked++;
      return title;
    }
  }

  @Test
  void anEqualValueGetsItsKeptFingerprintWithoutBeingWalked_andKeysNotTakenAgainAreForgotten() {
    Memo<String> memo = new Memo<>(Fingerprint::of);
    Memo<String>.Round first = memo.round();
    Counted.walked = 0;
    String print = first.of("/a", new Counted("t"));
    first.of("/b", new Counted("u"));
    first.close();
    assertEquals(2, Counted.walked);
    assertEquals(Fingerprint.of(new Counted("t")), print);

    Counted.walked = 0;
    Memo<String>.Round second = memo.round();
    assertEquals(print, second.of("/a", new Counted("t")));
    assertEquals(0, Counted.walked, "an equal value is compared, not walked");
    String changed = second.of("/a2", new Counted("t2"));
    assertEquals(Fingerprint.of(new Counted("t2")), changed);
    second.close();

    // "/b" was not taken in the second round: the third walks it again.
    Counted.walked = 0;
    Memo<String>.Round third = memo.round();
    third.of("/b", new Counted("u"));
    assertEquals(1, Counted.walked);
    // Under a key whose value changed, the new value is walked.
    Counted.walked = 0;
    assertEquals(Fingerprint.of(new Counted("v")), third.of("/a", new Counted("v")));
  }
}
