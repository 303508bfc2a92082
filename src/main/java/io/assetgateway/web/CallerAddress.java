package io.assetgateway.web;

import io.assetgateway.common.Cidr;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The caller's IP address as this server trusts it: the TCP peer, unless the peer is one of the configured
 * trusted proxies; then the right-most X-Forwarded-For entry that is not itself a trusted proxy (entries to
 * its left were written by the client and prove nothing). Always in {@link Cidr#canonical} form, so allowlists,
 * rate-limit keys and logs see one spelling of an address ({@code ::ffff:10.1.2.3} is {@code 10.1.2.3}).
 */
public final class CallerAddress {
  private static final String KEY = "callerAddress";
  private final List<Cidr> trustedProxies;

  public CallerAddress(List<Cidr> trustedProxies) {
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  /** Resolves the caller once per request and remembers it in the routing context. */
  public String of(RoutingContext ctx) {
    String known = ctx.get(KEY);
    if (known != null) {
      return known;
    }
    String address = resolve(ctx.request().remoteAddress().hostAddress(), ctx.request().headers().getAll("X-Forwarded-For"));
    ctx.put(KEY, address);
    return address;
  }

  String resolve(String peerAddress, List<String> forwardedHeaders) {
    String peer = canonicalOrAsIs(peerAddress);
    if (trustedProxies.isEmpty() || forwardedHeaders.isEmpty() || !trusted(peer)) {
      return peer;
    }
    String address = peer;
    List<String> hops = forwardedHeaders.stream().flatMap(h -> java.util.Arrays.stream(h.split(","))).map(String::trim)
        .toList();
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop;
      try {
        hop = Cidr.canonical(hops.get(i));
      } catch (IllegalArgumentException e) {
        return address; // garbage in the chain: stop at the last address we could trust
      }
      address = hop;
      if (!trusted(hop)) {
        return hop;
      }
    }
    return address;
  }

  private static String canonicalOrAsIs(String peer) {
    try {
      return Cidr.canonical(peer);
    } catch (IllegalArgumentException | NullPointerException e) {
      return peer; // not an IP peer (a Unix socket, say): nothing to normalise
    }
  }

  private boolean trusted(String ip) {
    try {
      return Cidr.anyContains(trustedProxies, ip);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
