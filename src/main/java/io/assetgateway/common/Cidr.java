package io.assetgateway.common;

import io.netty.util.NetUtil;
import java.util.Arrays;
import java.util.List;

/**
 * An IPv4 or IPv6 address range such as {@code 10.0.0.0/8} or {@code 2001:db8::/32} (a bare address is /32 or /128).
 *
 * <p>The one address rule of the server (allowlists, trusted proxies, rate-limit keys): an IPv4-mapped IPv6 address
 * {@code ::ffff:a.b.c.d} is the IPv4 address {@code a.b.c.d}, and a range written in that form with a prefix of 96 or
 * more is the IPv4 range (prefix - 96); every other IPv6 range matches IPv6 addresses only.
 */
public record Cidr(byte[] network, int prefixLength) {
  private static final int MAPPED_PREFIX = 96;

  /** Parses a range; throws IllegalArgumentException for anything but an IP literal with an optional prefix. */
  public static Cidr parse(String text) {
    String value = text.trim();
    int slash = value.indexOf('/');
    byte[] raw = rawLiteral(slash < 0 ? value : value.substring(0, slash), text);
    int prefix = raw.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(value.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad prefix length in " + text);
      }
      if (prefix < 0 || prefix > raw.length * 8) {
        throw new IllegalArgumentException("prefix length out of range in " + text);
      }
    }
    if (isIpv4Mapped(raw) && prefix >= MAPPED_PREFIX) {
      return new Cidr(Arrays.copyOfRange(raw, 12, 16), prefix - MAPPED_PREFIX);
    }
    return new Cidr(raw, prefix);
  }

  /**
   * The bytes of an IP literal, IPv4-mapped IPv6 as IPv4, or IllegalArgumentException. Parsed by Netty's literal
   * parser: never a name look-up (InetAddress.getByName would ask DNS about {@code cafe}, on an event loop).
   */
  public static byte[] literal(String ip) {
    byte[] raw = rawLiteral(ip, ip);
    return isIpv4Mapped(raw) ? Arrays.copyOfRange(raw, 12, 16) : raw;
  }

  /** The address in one textual form ({@code 10.1.2.3} for {@code ::ffff:10.1.2.3}, compressed lower-case IPv6). */
  public static String canonical(String ip) {
    return NetUtil.bytesToIpAddress(literal(ip));
  }

  private static byte[] rawLiteral(String ip, String original) {
    String s = ip.trim();
    byte[] bytes = s.isEmpty() || s.length() > 64 ? null : NetUtil.createByteArrayFromIpAddressString(s);
    if (bytes == null) {
      throw new IllegalArgumentException("not an IP address: " + original);
    }
    return bytes;
  }

  private static boolean isIpv4Mapped(byte[] address) {
    if (address.length != 16) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (address[i] != 0) {
        return false;
      }
    }
    return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
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
  public static boolean anyContains(List<Cidr> ranges, String ip) {
    byte[] address = literal(ip);
    for (Cidr c : ranges) {
      if (c.contains(address)) {
        return true;
      }
    }
    return false;
  }
}
