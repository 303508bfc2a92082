package io.assetgateway.auth;

import io.assetgateway.http.ApiError;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Guards every authenticated route: a valid Bearer JWT of an existing, ACTIVE client. */
public final class BearerAuthHandler implements Handler<RoutingContext> {
  /** Routing-context key of the authenticated client's id. */
  public static final String CLIENT_ID = "clientId";
  private static final String PREFIX = "Bearer ";

  private final TokenService tokens;
  private final ClientStatusCache statuses;

  public BearerAuthHandler(TokenService tokens, ClientStatusCache statuses) {
    this.tokens = tokens;
    this.statuses = statuses;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || header.length() <= PREFIX.length()
        || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      ctx.fail(ApiError.UNAUTHORIZED.with("Authorization header with a Bearer token is required"));
      return;
    }
    tokens.verify(header.substring(PREFIX.length()).trim())
        .compose(clientId -> statuses.status(clientId).map(status -> {
          if (status.isEmpty()) {
            throw ApiError.INVALID_TOKEN.with("Invalid token: unknown client");
          }
          if (!"ACTIVE".equals(status.get())) {
            throw ApiError.FORBIDDEN.with("Client is not active");
          }
          return clientId;
        }))
        .onSuccess(clientId -> {
          ctx.put(CLIENT_ID, clientId);
          ctx.next();
        })
        .onFailure(ctx::fail);
  }
}
