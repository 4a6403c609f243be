package dev.trustcenter.notices;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a webhook may be delivered: only to public internet addresses. Refused are loopback,
 * unspecified, link-local (with the cloud metadata address 169.254.169.254), private (RFC 1918),
 * unique-local (fc00::/7), site-local, CGNAT (100.64.0.0/10), multicast, broadcast and the
 * reserved, benchmarking and documentation ranges, and IPv6 addresses that embed an IPv4 address
 * (IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo) whatever that IPv4 address is; and by name
 * {@code localhost}, {@code *.localhost}, {@code metadata}, {@code metadata.google.internal} and
 * every {@code *.internal} host.
 *
 * <p>The subscription form checks a URL once with {@link #refusal(URI, Resolver)}; the sender
 * checks again at delivery and connects only to the addresses it checked (see {@code
 * okhttp.OkHttpWebhookSender}), so a name that resolves differently later (DNS rebinding) gains
 * nothing.
 */
public final class WebhookAddresses {
  private WebhookAddresses() {}

  /** Resolves a host name to its addresses ({@link InetAddress#getAllByName} in production). */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;

    Resolver SYSTEM = InetAddress::getAllByName;
  }

  /**
   * Why a webhook URL is refused, checking its scheme, its host name and every address the name
   * resolves to; empty when it may be used.
   */
  public static Optional<String> refusal(URI url, Resolver resolver) {
    if (!"https".equals(url.getScheme())) {
      return Optional.of("must be an https URL");
    }
    String host = url.getHost();
    if (host == null || host.isEmpty()) {
      return Optional.of("must name a host");
    }
    Optional<String> byName = refusedHostName(host);
    if (byName.isPresent()) {
      return byName;
    }
    InetAddress[] addresses;
    try {
      String bare = unbracket(host);
      // An IP literal is its own address: it is parsed, never handed to a resolver.
      addresses =
          isLiteral(bare)
              ? new InetAddress[] {InetAddress.getByName(bare)}
              : resolver.resolve(bare);
    } catch (UnknownHostException e) {
      return Optional.of("names a host that does not resolve");
    }
    if (addresses.length == 0) {
      return Optional.of("names a host that does not resolve");
    }
    for (InetAddress a : addresses) {
      if (!isPublic(a)) {
        return Optional.of(
            "must point to a public internet address, not a loopback, private, link-local or reserved one");
      }
    }
    return Optional.empty();
  }

  /**
   * Why a host name is refused whatever it resolves to (local and cloud-internal names), if it is.
   */
  public static Optional<String> refusedHostName(String host) {
    String h = unbracket(host).toLowerCase(Locale.ROOT);
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.isEmpty()
        || h.equals("localhost")
        || h.endsWith(".localhost")
        || h.equals("metadata")
        || h.equals("internal")
        || h.endsWith(".internal")) {
      return Optional.of("must not name a local or cloud-internal host");
    }
    return Optional.empty();
  }

  /** The public ones of {@code addresses}, in their order. */
  public static List<InetAddress> publicOnly(List<InetAddress> addresses) {
    List<InetAddress> out = new ArrayList<>();
    for (InetAddress a : addresses) {
      if (isPublic(a)) {
        out.add(a);
      }
    }
    return out;
  }

  /**
   * Whether {@code a} is a public unicast internet address (see the class comment for what is not).
   */
  public static boolean isPublic(InetAddress a) {
    if (a.isAnyLocalAddress()
        || a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return isPublicV4(b);
    }
    if (a instanceof Inet6Address) {
      return isPublicV6(b);
    }
    return false;
  }

  private static boolean isPublicV4(byte[] b) {
    int o0 = b[0] & 0xff;
    int o1 = b[1] & 0xff;
    int o2 = b[2] & 0xff;
    return !(o0 == 0 // "this network"
        || o0 == 10
        || o0 == 127
        || (o0 == 100 && (o1 & 0xc0) == 64) // CGNAT 100.64.0.0/10
        || (o0 == 169 && o1 == 254)
        || (o0 == 172 && (o1 & 0xf0) == 16)
        || (o0 == 192 && o1 == 168)
        || (o0 == 192 && o1 == 0 && o2 == 0) // IETF protocol assignments
        || (o0 == 192 && o1 == 0 && o2 == 2) // documentation
        || (o0 == 198 && (o1 & 0xfe) == 18) // benchmarking
        || (o0 == 198 && o1 == 51 && o2 == 100)
        || (o0 == 203 && o1 == 0 && o2 == 113)
        || o0 >= 224); // multicast, reserved, broadcast
  }

  private static boolean isPublicV6(byte[] b) {
    int first = b[0] & 0xff;
    if ((first & 0xfe) == 0xfc || first == 0xff || (first == 0xfe && (b[1] & 0xc0) != 0)) {
      return false; // unique-local fc00::/7, multicast, link-local fe80::/10 and site-local
      // fec0::/10
    }
    boolean zero80 = true;
    for (int i = 0; i < 10; i++) {
      zero80 &= b[i] == 0;
    }
    if (zero80) {
      // ::/96 (IPv4-compatible, with :: and ::1) and ::ffff:0:0/96 (IPv4-mapped): never a public
      // peer of ours.
      return false;
    }
    if ((first == 0x20 && b[1] == 0x02) // 6to4 2002::/16
        || (first == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) // Teredo 2001::/32
        || (first == 0x20
            && b[1] == 0x01
            && b[2] == 0x0d
            && (b[3] & 0xff) == 0xb8) // documentation 2001:db8::/32
        || (first == 0x00
            && b[1] == 0x64
            && (b[2] & 0xff) == 0xff
            && (b[3] & 0xff) == 0x9b)) { // NAT64 64:ff9b::/96
      return false;
    }
    return true;
  }

  /** Whether {@code host} (without brackets) is an IP address literal rather than a name. */
  public static boolean isLiteral(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }

  private static String unbracket(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }
}
