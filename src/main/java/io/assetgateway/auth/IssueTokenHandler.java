package io.assetgateway.auth;

import io.assetgateway.client.ApiSecrets;
import io.assetgateway.client.ClientCredentials;
import io.assetgateway.client.ClientService;
import io.assetgateway.web.ApiError;
import io.assetgateway.web.CallerAddress;
import io.assetgateway.web.Responses;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /api/v1/auth/token}: exchanges X-API-Key and X-API-Secret for a Bearer JWT. */
public final class IssueTokenHandler implements Handler<RoutingContext> {
  private final CredentialCache credentials;
  private final TokenService tokens;
  private final CallerAddress callers;

  public IssueTokenHandler(ClientService clients, TokenService tokens, long cacheMillis, CallerAddress callers) {
    this.credentials = new CredentialCache(clients, cacheMillis);
    this.tokens = tokens;
    this.callers = callers;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String apiKey = ctx.request().getHeader("X-API-Key");
    String apiSecret = ctx.request().getHeader("X-API-Secret");
    if (apiKey == null || apiKey.isEmpty() || apiSecret == null || apiSecret.isEmpty()) {
      ctx.fail(ApiError.UNAUTHORIZED.with("X-API-Key and X-API-Secret headers are required"));
      return;
    }
    // no key of another shape, and no secret that long or with control characters, was ever issued: refuse before
    // any look-up (the per-address limit, which runs before this handler, has already counted the attempt)
    if (!ApiSecrets.isApiKeyShaped(apiKey) || apiSecret.length() > 256 || apiSecret.chars().anyMatch(Character::isISOControl)) {
      ctx.fail(ApiError.UNAUTHORIZED.with("Invalid API key or secret"));
      return;
    }
    credentials.matching(apiKey, apiSecret).onSuccess(found -> {
      // Secret first: nobody without it learns whether the client is inactive or allowlisted.
      if (found.isEmpty()) {
        ctx.fail(ApiError.UNAUTHORIZED.with("Invalid API key or secret"));
        return;
      }
      ClientCredentials credentials = found.get();
      if (!credentials.client().isActive()) {
        ctx.fail(ApiError.FORBIDDEN.with("Client is not active"));
        return;
      }
      if (!credentials.access().allows(callers.of(ctx))) {
        ctx.fail(ApiError.FORBIDDEN.with("Caller IP address is not on the client's allowlist"));
        return;
      }
      JsonObject body = new JsonObject()
          .put("token", tokens.issue(credentials.client().clientId()))
          .put("token_type", "Bearer")
          .put("expires_in", tokens.ttlSeconds())
          .put("client", credentials.client().toJson());
      Responses.ok(ctx, body);
    }).onFailure(ctx::fail);
  }
}
