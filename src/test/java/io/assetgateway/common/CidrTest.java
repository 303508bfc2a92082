package io.assetgateway.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CIDR ranges")
class CidrTest {
  @Test
  @DisplayName("IPv4 and IPv6 ranges, bare addresses, IPv4-mapped IPv6")
  void matching() {
    List<Cidr> ranges = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("192.168.1.7"), Cidr.parse("2001:db8::/32"),
        Cidr.parse("172.16.0.0/12"));
    assertTrue(Cidr.anyContains(ranges, "10.255.1.2"));
    assertTrue(Cidr.anyContains(ranges, "192.168.1.7"));
    assertFalse(Cidr.anyContains(ranges, "192.168.1.8"));
    assertTrue(Cidr.anyContains(ranges, "2001:db8:ffff::1"));
    assertFalse(Cidr.anyContains(ranges, "2001:db9::1"));
    assertTrue(Cidr.anyContains(ranges, "172.31.255.255"));
    assertFalse(Cidr.anyContains(ranges, "172.32.0.0"));
    assertTrue(Cidr.anyContains(ranges, "::ffff:10.1.2.3"), "IPv4-mapped IPv6 is the IPv4 address");
    assertTrue(Cidr.parse("0.0.0.0/0").contains(Cidr.literal("8.8.8.8")));
    assertFalse(Cidr.parse("0.0.0.0/0").contains(Cidr.literal("::1")), "families never match each other");
  }

  @Test
  @DisplayName("anything but an IP literal is refused, and never looked up in DNS")
  void refusals() {
    for (String bad : List.of("localhost", "example.com", "10.0.0.0/33", "10.0.0.0/x", "", "1.2.3.4/-1", "::1/129")) {
      assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
    }
  }

  @Test
  @DisplayName("only strict literals: legacy forms InetAddress would accept (1.2.3, 127.1, a 32-bit number) are refused")
  void strictLiterals() {
    for (String bad : List.of("1.2.3", "127.1", "2130706433", "cafe", "deadbeef", "1.2.3.256", "::1::2", "[::1")) {
      assertThrows(IllegalArgumentException.class, () -> Cidr.literal(bad), bad);
    }
    assertEquals("1.2.3.4", Cidr.canonical(" 1.2.3.4 "));
    assertEquals("2001:db8::1", Cidr.canonical("2001:DB8:0:0:0:0:0:1"));
    assertEquals("::1", Cidr.canonical("[::1]"));
  }

  @Test
  @DisplayName("one rule for IPv4-mapped IPv6: ::ffff:a.b.c.d is a.b.c.d, as an address and as a range of prefix >= 96")
  void ipv4Mapped() {
    assertEquals("10.1.2.3", Cidr.canonical("::ffff:10.1.2.3"));
    assertEquals("10.1.2.3", Cidr.canonical("0:0:0:0:0:ffff:a01:203"));
    Cidr mappedRange = Cidr.parse("::ffff:192.0.2.0/120");
    assertEquals(24, mappedRange.prefixLength(), "the IPv4 range 192.0.2.0/24");
    assertTrue(Cidr.anyContains(List.of(mappedRange), "192.0.2.5"));
    assertTrue(Cidr.anyContains(List.of(mappedRange), "::ffff:192.0.2.5"));
    assertFalse(Cidr.anyContains(List.of(mappedRange), "192.0.3.5"));
    assertTrue(Cidr.anyContains(List.of(Cidr.parse("10.0.0.0/8")), "::ffff:10.9.9.9"));
    assertFalse(Cidr.anyContains(List.of(Cidr.parse("::/0")), "::ffff:10.9.9.9"), "an IPv6 range never holds IPv4");
  }
}
