package dev.trustcenter.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 3: the client address is what the trusted proxies wrote, never what the client
 * wrote first.
 */
class ClientAddressTest {
  static String ip(ClientAddress a, Map<String, List<String>> headers) {
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    return a.of(name -> h.getOrDefault(name, List.of()));
  }

  @Test
  void theClientIsCountedFromTheRightByTheNumberOfTrustedProxies() {
    Map<String, List<String>> spoofed =
        Map.of("X-Forwarded-For", List.of("203.0.113.9, 198.51.100.7, 35.191.0.1"));
    assertEquals("35.191.0.1", ip(ClientAddress.DEFAULT, spoofed));
    assertEquals("198.51.100.7", ip(new ClientAddress(false, 2), spoofed));
    assertEquals("203.0.113.9", ip(new ClientAddress(false, 3), spoofed));
    assertEquals(
        "unknown",
        ip(new ClientAddress(false, 4), spoofed),
        "fewer hops than proxies: not trusted");
    assertEquals(
        "198.51.100.7",
        ip(
            new ClientAddress(false, 2),
            Map.of("X-Forwarded-For", List.of("203.0.113.9", "198.51.100.7, 35.191.0.1"))),
        "several headers are one list");
    assertEquals("unknown", ip(ClientAddress.DEFAULT, Map.of()));
    assertEquals(
        "unknown",
        ip(ClientAddress.DEFAULT, Map.of("X-Forwarded-For", List.of("1.1.1.1, evil.example"))));
    assertEquals(
        "2001:db8::1",
        ip(ClientAddress.DEFAULT, Map.of("X-Forwarded-For", List.of("1.1.1.1, [2001:db8::1]"))));
  }

  @Test
  void behindCloudflareOnlyCfConnectingIpCounts() {
    ClientAddress cf = new ClientAddress(true, 1);
    assertEquals(
        "198.51.100.7",
        ip(
            cf,
            Map.of(
                "CF-Connecting-IP",
                List.of("198.51.100.7"),
                "X-Forwarded-For",
                List.of("203.0.113.9"))));
    assertEquals("unknown", ip(cf, Map.of("X-Forwarded-For", List.of("203.0.113.9"))));
    assertEquals("unknown", ip(cf, Map.of("CF-Connecting-IP", List.of("1.1.1.1", "2.2.2.2"))));
  }

  @Test
  void ipv6ClientsAreLimitedPerSlash64() {
    assertEquals(
        "2001:db8:1:2::/64",
        new dev.trustcenter.http.ClientInfo("2001:db8:1:2:aaaa::1", "").limitKey());
    assertEquals(
        "2001:db8:1:2::/64",
        new dev.trustcenter.http.ClientInfo("2001:db8:1:2:bbbb::9", "").limitKey());
    assertEquals("192.0.2.1", new dev.trustcenter.http.ClientInfo("192.0.2.1", "").limitKey());
  }
}
