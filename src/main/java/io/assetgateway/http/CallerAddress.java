package io.assetgateway.http;

import io.vertx.ext.web.RoutingContext;

/** The caller's IP address as this server trusts it: the TCP peer. */
public final class CallerAddress {
  private CallerAddress() {}

  public static String of(RoutingContext ctx) {
    return ctx.request().remoteAddress().hostAddress();
  }
}
