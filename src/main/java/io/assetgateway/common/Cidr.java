package io.assetgateway.common;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 address range such as {@code 10.0.0.0/8} or {@code 2001:db8::/32} (a bare address is /32 or /128). */
public record Cidr(byte[] network, int prefixLength) {

  /** Parses a range; throws IllegalArgumentException for anything but an IP literal with an optional prefix. */
  public static Cidr parse(String text) {
    String value = text.trim();
    int slash = value.indexOf('/');
    byte[] address = literal(slash < 0 ? value : value.substring(0, slash));
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(value.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length in " + text);
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("prefix length out of range in " + text);
      }
    }
    return new Cidr(address, prefix);
  }

  /** The bytes of an IP literal (IPv4-mapped IPv6 comes back as IPv4), or IllegalArgumentException; never DNS. */
  public static byte[] literal(String ip) {
    String s = ip.trim();
    if (s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1);
    }
    if (s.isEmpty() || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
      throw new IllegalArgumentException("not an IP address: " + ip);
    }
    try {
      return InetAddress.getByName(s).getAddress(); // a literal of only these characters is parsed, not looked up
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + ip);
    }
  }

  /** Whether the address (bytes of the same family) lies in this range. */
  public boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (address[full] & mask) == (network[full] & mask);
  }

  /** Whether the IP literal lies in any of the ranges. */
  public static boolean anyContains(java.util.List<Cidr> ranges, String ip) {
    byte[] address = literal(ip);
    for (Cidr c : ranges) {
      if (c.contains(address)) {
        return true;
      }
    }
    return false;
  }
}
