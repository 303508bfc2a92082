package io.assetgateway.auth;

import io.assetgateway.client.ClientStatus;
import io.assetgateway.web.ApiError;
import io.assetgateway.web.Caller;
import io.assetgateway.web.CallerAddress;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Guards every authenticated route: a valid Bearer JWT of an existing, ACTIVE client, called from an allowed address. */
public final class BearerAuthHandler implements Handler<RoutingContext> {
  private static final String PREFIX = "Bearer ";

  private final TokenService tokens;
  private final ClientStatusCache statuses;
  private final CallerAddress callers;

  public BearerAuthHandler(TokenService tokens, ClientStatusCache statuses, CallerAddress callers) {
    this.tokens = tokens;
    this.statuses = statuses;
    this.callers = callers;
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
        .compose(clientId -> statuses.status(clientId).map(access -> {
          if (access.isEmpty()) {
            throw ApiError.INVALID_TOKEN.with("Invalid token: unknown client");
          }
          if (access.get().status() != ClientStatus.ACTIVE) {
            throw ApiError.FORBIDDEN.with("Client is not active");
          }
          if (!access.get().allowedIps().isEmpty() && !access.get().allows(callers.of(ctx))) {
            throw ApiError.FORBIDDEN.with("Caller IP address is not on the client's allowlist");
          }
          return clientId;
        }))
        .onSuccess(clientId -> {
          ctx.put(Caller.CLIENT_ID, clientId);
          ctx.next();
        })
        .onFailure(ctx::fail);
  }
}
