package dev.trustcenter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigAccessTest {
  @Test
  void defaultsAreNoAutoApprovalAndFreeMailAccepted() {
    Config.Access a = Config.fromEnvironment(Map.of()).access();
    assertEquals(List.of(), a.autoApproveDomains());
    assertFalse(a.refuseFreeMail());
  }

  @Test
  void domainsAreListedInLowerCaseAndTheFlagIsParsed() {
    Config.Access a =
        Config.fromEnvironment(
                Map.of(
                    "ACCESS_AUTO_APPROVE_DOMAINS",
                    " Partner.example, sub.client.example ",
                    "ACCESS_REFUSE_FREE_MAIL",
                    "TRUE"))
            .access();
    assertEquals(List.of("partner.example", "sub.client.example"), a.autoApproveDomains());
    assertTrue(a.refuseFreeMail());
  }

  @Test
  void malformedValuesStopTheStartNamingTheVariable() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> Config.fromEnvironment(Map.of("ACCESS_REFUSE_FREE_MAIL", "yes")));
    assertTrue(e.getMessage().startsWith("ACCESS_REFUSE_FREE_MAIL"));
    e =
        assertThrows(
            ConfigException.class,
            () -> Config.fromEnvironment(Map.of("ACCESS_AUTO_APPROVE_DOMAINS", "@gmail")));
    assertTrue(e.getMessage().startsWith("ACCESS_AUTO_APPROVE_DOMAINS"));
  }
}
