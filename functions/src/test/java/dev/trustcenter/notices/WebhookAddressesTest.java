package dev.trustcenter.notices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which webhook targets are refused: every range the attack of issue 14 item 5 used, and their
 * disguises.
 */
class WebhookAddressesTest {
  static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal);
  }

  @Test
  void everyNonPublicRangeIsRefused() throws Exception {
    for (String a :
        List.of(
            "127.0.0.1",
            "127.255.0.9",
            "::1",
            "0.0.0.0",
            "::",
            "169.254.169.254",
            "169.254.0.1",
            "fe80::1",
            "10.0.0.1",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "fc00::1",
            "fd12:3456::1",
            "fec0::1",
            "100.64.0.1",
            "100.127.255.254",
            "224.0.0.1",
            "239.1.1.1",
            "ff02::1",
            "255.255.255.255",
            "240.0.0.1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "0:0:0:0:0:ffff:a9fe:a9fe",
            "64:ff9b::7f00:1",
            "2002:7f00:1::1",
            "2001:0:4136:e378::1",
            "2001:db8::1",
            "192.0.2.1",
            "198.18.0.1",
            "0.1.2.3")) {
      assertFalse(WebhookAddresses.isPublic(ip(a)), a);
    }
  }

  @Test
  void publicAddressesAreAllowed() throws Exception {
    for (String a :
        List.of(
            "8.8.8.8",
            "1.1.1.1",
            "100.63.255.255",
            "100.128.0.1",
            "172.32.0.1",
            "2606:4700::1111",
            "2a00:1450::1")) {
      assertTrue(WebhookAddresses.isPublic(ip(a)), a);
    }
  }

  @Test
  void localAndMetadataNamesAreRefusedWithoutAsking() {
    WebhookAddresses.Resolver never =
        h -> {
          throw new AssertionError("resolved " + h);
        };
    for (String url :
        List.of(
            "https://localhost/h",
            "https://LOCALHOST./h",
            "https://api.localhost/h",
            "https://metadata/h",
            "https://metadata.google.internal/computeMetadata/v1/",
            "https://Metadata.Google.Internal./x",
            "https://db.corp.internal/")) {
      assertTrue(WebhookAddresses.refusal(URI.create(url), never).isPresent(), url);
    }
  }

  @Test
  void aUrlIsRefusedWhenAnyAddressOfItsNameIsNotPublic() throws Exception {
    InetAddress[] mixed = {ip("8.8.8.8"), ip("127.0.0.1")};
    assertTrue(
        WebhookAddresses.refusal(URI.create("https://hooks.example/h"), h -> mixed).isPresent());
    assertTrue(
        WebhookAddresses.refusal(
                URI.create("https://127.0.0.1/h"), WebhookAddresses.Resolver.SYSTEM)
            .isPresent());
    assertTrue(
        WebhookAddresses.refusal(
                URI.create("https://[::ffff:169.254.169.254]/h"), WebhookAddresses.Resolver.SYSTEM)
            .isPresent());
    assertTrue(
        WebhookAddresses.refusal(
                URI.create("https://2130706433/h"), WebhookAddresses.Resolver.SYSTEM)
            .isPresent(),
        "a decimal loopback address");
    assertTrue(
        WebhookAddresses.refusal(
                URI.create("http://hooks.example/h"), h -> new InetAddress[] {ip("8.8.8.8")})
            .isPresent());
    assertEquals(
        Optional.empty(),
        WebhookAddresses.refusal(
            URI.create("https://hooks.example/h"), h -> new InetAddress[] {ip("8.8.8.8")}));
  }
}
