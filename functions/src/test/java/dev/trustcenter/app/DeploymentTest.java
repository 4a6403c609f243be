package dev.trustcenter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trustcenter.config.Config;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The one local-versus-deployed decision of the composition root and what each piece of wiring
 * reads from it: the local server, a deployed function, and a deployed-shaped function with the
 * tests' stand-ins.
 */
class DeploymentTest {
  private static final Path DATA = Path.of("data-dir");
  private static final Path STAND_INS = Path.of("stand-ins");

  private static Deployment of(String devToken, Map<String, String> env) {
    return Deployment.of(Config.fromEnvironment(env).local(), devToken);
  }

  private static final Deployment LOCAL =
      of("dev-token-0123456789abcdef", Map.of("TRUST_CENTER_DATA_DIR", DATA.toString()));
  private static final Deployment DEPLOYED = of(null, Map.of());
  private static final Deployment STAND_IN =
      of(null, Map.of("TRUST_CENTER_STAND_INS", STAND_INS.toString()));

  @Test
  void aDevTokenMakesTheLocalServerAndItsAbsenceADeployedFunction() {
    assertEquals(Deployment.Mode.LOCAL_SERVER, LOCAL.mode());
    assertEquals(Deployment.Mode.DEPLOYED, DEPLOYED.mode());
    assertEquals(Deployment.Mode.DEPLOYED, STAND_IN.mode());
    assertThrows(
        IllegalArgumentException.class,
        () -> new Deployment(Deployment.Mode.DEPLOYED, "token", DATA, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Deployment(Deployment.Mode.LOCAL_SERVER, null, DATA, null));
  }

  @Test
  void onlyTheLocalServerAcceptsTheDevTokenRunsInOneProcessAndLinksToItself() {
    assertTrue(LOCAL.acceptsDevToken());
    assertTrue(LOCAL.singleProcess());
    assertTrue(LOCAL.linksToOwnAddress());
    assertTrue(LOCAL.keepsCpuAfterAnswer());
    for (Deployment d : new Deployment[] {DEPLOYED, STAND_IN}) {
      assertFalse(d.acceptsDevToken());
      assertFalse(d.singleProcess());
      assertFalse(d.linksToOwnAddress());
      assertFalse(d.keepsCpuAfterAnswer());
    }
  }

  @Test
  void deployedAlwaysPurgesTheCdnLocallyOnlyWithAnApiOfItsOwn() {
    assertTrue(DEPLOYED.purgesCdn(false));
    assertTrue(STAND_IN.purgesCdn(false));
    assertFalse(LOCAL.purgesCdn(false));
    assertTrue(LOCAL.purgesCdn(true));
  }

  @Test
  void secretsFromTheEnvironmentAndPlainLoopbackSmtpLocallyAndWithStandInsOnly() {
    assertTrue(LOCAL.secretsFromEnvironment());
    assertTrue(STAND_IN.secretsFromEnvironment());
    assertFalse(DEPLOYED.secretsFromEnvironment());
    assertTrue(LOCAL.plainSmtpToLoopback());
    assertTrue(STAND_IN.plainSmtpToLoopback());
    assertFalse(DEPLOYED.plainSmtpToLoopback());
  }

  @Test
  void standInsReplaceEveryResourceTheDataDirOnlyUnsetOnesLocallyAndDeployedNone() {
    assertEquals(Optional.of(STAND_INS), STAND_IN.folderInsteadOf("configured-bucket"));
    assertEquals(Optional.of(STAND_INS), STAND_IN.folderInsteadOf(null));
    assertEquals(Optional.of(DATA), LOCAL.folderInsteadOf(null));
    assertEquals(Optional.empty(), LOCAL.folderInsteadOf("configured-bucket"));
    assertEquals(Optional.empty(), DEPLOYED.folderInsteadOf(null));
    assertEquals(Optional.empty(), DEPLOYED.folderInsteadOf("configured-bucket"));
  }

  @Test
  void theDevTokenNeverAppearsInTheDescription() {
    assertFalse(LOCAL.toString().contains("dev-token-0123456789abcdef"), LOCAL.toString());
  }
}
