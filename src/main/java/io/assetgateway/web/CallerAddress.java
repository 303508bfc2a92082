package io.assetgateway.web;

import io.assetgateway.common.Cidr;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The caller's IP address as this server trusts it: the TCP peer, unless the peer is one of the configured
 * trusted proxies; then the right-most X-Forwarded-For entry that is not itself a trusted proxy (entries to
 * its left were written by the client and prove nothing).
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

  String resolve(String peer, List<String> forwardedHeaders) {
    if (trustedProxies.isEmpty() || forwardedHeaders.isEmpty() || !trusted(peer)) {
      return peer;
    }
    String address = peer;
    List<String> hops = forwardedHeaders.stream().flatMap(h -> java.util.Arrays.stream(h.split(","))).map(String::trim)
        .toList();
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      try {
        Cidr.literal(hop);
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

  private boolean trusted(String ip) {
    try {
      return Cidr.anyContains(trustedProxies, ip);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
