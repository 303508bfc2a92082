package io.assetgateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.assetgateway.common.Cidr;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The caller's address behind trusted proxies")
class CallerAddressTest {
  final CallerAddress behindProxy = new CallerAddress(List.of(Cidr.parse("10.0.0.0/8")));

  @Test
  @DisplayName("X-Forwarded-For is read only from a trusted peer, right to left, stopping at the first untrusted hop")
  void forwardedFor() {
    assertEquals("203.0.113.7", behindProxy.resolve("10.0.0.1", List.of("203.0.113.7")));
    assertEquals("203.0.113.7", behindProxy.resolve("10.0.0.1", List.of("198.51.100.9, 203.0.113.7, 10.0.0.2")),
        "what the client wrote on the left proves nothing");
    assertEquals("203.0.113.7", behindProxy.resolve("10.0.0.1", List.of("198.51.100.9", "203.0.113.7")),
        "several headers read as one list");
    assertEquals("198.51.100.1", behindProxy.resolve("198.51.100.1", List.of("203.0.113.7")),
        "an untrusted peer cannot claim another address");
    assertEquals("10.0.0.1", behindProxy.resolve("10.0.0.1", List.of()));
    assertEquals("10.0.0.3", behindProxy.resolve("10.0.0.1", List.of("not-an-ip, 10.0.0.3")),
        "garbage stops the walk at the last address it could trust");
    assertEquals("203.0.113.7", new CallerAddress(List.of()).resolve("203.0.113.7", List.of("1.2.3.4")),
        "no trusted proxies: the header is ignored");
    assertEquals("10.0.0.3", behindProxy.resolve("::ffff:10.0.0.1", List.of("cafe, ::ffff:10.0.0.3")),
        "a mapped peer is its IPv4 address (trusted), a host name is garbage, never looked up");
    assertEquals("203.0.113.7", behindProxy.resolve("10.0.0.1", List.of("::FFFF:203.0.113.7")),
        "one spelling of an address");
    assertEquals("2001:db8::7", behindProxy.resolve("10.0.0.1", List.of("[2001:DB8:0:0::7]")));
  }
}
