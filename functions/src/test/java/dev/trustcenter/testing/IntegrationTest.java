package dev.trustcenter.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that runs real outside pieces or is slow by design: the Firestore emulator, headless
 * Chromium, GreenMail, the Nu HTML Checker, the whole local server end to end, fuzzing. Such tests
 * run in {@code mvn verify} (maven-failsafe-plugin, after the jar is built), not in {@code mvn
 * test}, so the unit loop stays fast (docs/development.md). Naming a test with {@code -Dtest=} runs
 * it in {@code mvn test} whatever its tag.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(IntegrationTest.TAG)
public @interface IntegrationTest {
  /** The JUnit tag: surefire leaves it out, failsafe runs only it (see functions/pom.xml). */
  String TAG = "integration";
}
