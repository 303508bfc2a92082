package io.assetgateway.web;

import io.vertx.ext.web.RoutingContext;

/** The authenticated caller of a request, as the Bearer guard leaves it in the routing context. */
public final class Caller {
  /** Routing-context key of the authenticated client's id. */
  public static final String CLIENT_ID = "clientId";

  private Caller() {}

  /** The authenticated client's id (Bearer routes only). */
  public static String clientId(RoutingContext ctx) {
    return ctx.get(CLIENT_ID);
  }
}
